<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DrawPanel</name>
    <message>
        <source>What the encoder sees (28×28)</source>
        <translation>编码器看到的图像（28×28）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Draw a digit with the mouse; it is encoded when you let go.</source>
        <translation>用鼠标画一个数字；松开鼠标时即进行编码。</translation>
    </message>
    <message>
        <source>Train a model or open a checkpoint to encode the drawing.</source>
        <translation>请先训练模型或打开检查点，才能对绘图进行编码。</translation>
    </message>
    <message>
        <source>Encoded: the star on the latent map, and the sliders, show its μ.</source>
        <translation>已编码：潜空间图上的星号和滑块显示其 μ。</translation>
    </message>
</context>
<context>
    <name>ElboPlotPanel</name>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>nats per image</source>
        <translation>每张图像的奈特数</translation>
    </message>
    <message>
        <source>−ELBO</source>
        <translation>−ELBO</translation>
    </message>
    <message>
        <source>Reconstruction</source>
        <translation>重构</translation>
    </message>
    <message>
        <source>KL</source>
        <translation>KL</translation>
    </message>
    <message>
        <source>%1 (train)</source>
        <translation>%1（训练）</translation>
    </message>
    <message>
        <source>%1 (test)</source>
        <translation>%1（测试）</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Follow latest</source>
        <translation>跟随最新</translation>
    </message>
    <message>
        <source>Keep the newest values in view; dragging or zooming turns this off</source>
        <translation>始终显示最新数值；拖动或缩放会关闭此项</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Show the whole run (or double-click the plot)</source>
        <translation>显示整个训练过程（或双击图表）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the plot as PNG or PDF, or its values as CSV</source>
        <translation>将图表保存为 PNG 或 PDF，或将数值保存为 CSV</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV values (*.csv)</source>
        <translation>CSV 数值 (*.csv)</translation>
    </message>
    <message>
        <source>Export ELBO plot</source>
        <translation>导出 ELBO 图表</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>InterpolationPanel</name>
    <message>
        <source>There is nothing to export yet.</source>
        <translation>目前还没有可导出的内容。</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Pick two test images (or click two points on the map).</source>
        <translation>选择两张测试图像（或在潜空间图上点击两个点）。</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Interpolation</source>
        <translation>插值</translation>
    </message>
    <message>
        <source>The manifold appears once there is a model.</source>
        <translation>有模型后将显示流形。</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Manifold over the two highest-KL dims</source>
        <translation>KL 最高的两个维度上的流形</translation>
    </message>
    <message>
        <source>Columns vary z%1, rows vary z%2; the other dims are 0.</source>
        <translation>列改变 z%1，行改变 z%2；其余维度为 0。</translation>
    </message>
    <message>
        <source>Export interpolation</source>
        <translation>导出插值</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export manifold</source>
        <translation>导出流形</translation>
    </message>
</context>
<context>
    <name>LatentHealthPanel</name>
    <message>
        <source>latent dimension</source>
        <translation>潜变量维度</translation>
    </message>
    <message>
        <source>KL (nats)</source>
        <translation>KL（奈特）</translation>
    </message>
    <message>
        <source>active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>不活跃</translation>
    </message>
    <message>
        <source>&lt;b&gt;Posterior collapse:&lt;/b&gt; no latent dimension carries information, so the decoder ignores z. Try a smaller β, a longer KL warm-up or a smaller decoder.</source>
        <translation>&lt;b&gt;后验坍缩：&lt;/b&gt;没有任何潜变量维度携带信息，解码器忽略了 z。请尝试更小的 β、更长的 KL 预热或更小的解码器。</translation>
    </message>
    <message>
        <source>Epoch %1: %2 of %3 dims active (Var(μ) &gt; %4); total KL %5 nats.</source>
        <translation>第 %1 轮：%3 个维度中有 %2 个活跃（Var(μ) &gt; %4）；总 KL 为 %5 奈特。</translation>
    </message>
    <message>
        <source>KL per latent dimension appears after the first epoch.</source>
        <translation>第一轮结束后将显示每个潜变量维度的 KL。</translation>
    </message>
</context>
<context>
    <name>LatentMapPanel</name>
    <message>
        <source>The map appears after the first epoch.</source>
        <translation>第一轮结束后将显示潜空间图。</translation>
    </message>
    <message>
        <source>The map could not be computed: %1</source>
        <translation>无法计算潜空间图：%1</translation>
    </message>
    <message>
        <source>test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>你的绘图</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>, label %1</source>
        <translation>，标签 %1</translation>
    </message>
    <message>
        <source>Test image %1%2</source>
        <translation>测试图像 %1%2</translation>
    </message>
    <message>
        <source>μ₀</source>
        <translation>μ₀</translation>
    </message>
    <message>
        <source>first principal component</source>
        <translation>第一主成分</translation>
    </message>
    <message>
        <source>μ₁</source>
        <translation>μ₁</translation>
    </message>
    <message>
        <source>(unused)</source>
        <translation>（未使用）</translation>
    </message>
    <message>
        <source>second principal component</source>
        <translation>第二主成分</translation>
    </message>
    <message>
        <source>μ of %1 test images. Hover for the image, click to decode.</source>
        <translation>%1 张测试图像的 μ。悬停查看图像，点击进行解码。</translation>
    </message>
    <message>
        <source>PCA of μ for %1 test images (%2 % + %3 % of the variance). Hover for the image, click to decode.</source>
        <translation>%1 张测试图像 μ 的主成分分析（解释 %2 % + %3 % 的方差）。悬停查看图像，点击进行解码。</translation>
    </message>
</context>
<context>
    <name>LatentProjection</name>
    <message>
        <source>The test set is empty.</source>
        <translation>测试集为空。</translation>
    </message>
    <message>
        <source>The encoder returned an unexpected number of values.</source>
        <translation>编码器返回的数值个数不符合预期。</translation>
    </message>
</context>
<context>
    <name>LatentSliderPanel</name>
    <message>
        <source>Train or open a checkpoint to decode latent points.</source>
        <translation>请训练模型或打开检查点以解码潜变量点。</translation>
    </message>
    <message>
        <source>Sample prior</source>
        <translation>从先验采样</translation>
    </message>
    <message>
        <source>Draw z from the standard normal prior</source>
        <translation>从标准正态先验中抽取 z</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Set every latent dimension to 0</source>
        <translation>将所有潜变量维度设为 0</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Index of a test image</source>
        <translation>测试图像的序号</translation>
    </message>
    <message>
        <source>Encode</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Move the sliders to μ of the chosen test image</source>
        <translation>将滑块移到所选测试图像的 μ</translation>
    </message>
    <message>
        <source>z%1</source>
        <translation>z%1</translation>
    </message>
    <message>
        <source>z%1: KL %2 nats</source>
        <translation>z%1：KL %2 奈特</translation>
    </message>
    <message>
        <source>z%1: KL %2 nats, inactive (μ barely varies over the test set)</source>
        <translation>z%1：KL %2 奈特，不活跃（μ 在测试集上几乎不变）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Latent Explorer</source>
        <translation>潜空间探索器</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Latent health</source>
        <translation>潜变量健康度</translation>
    </message>
    <message>
        <source>ELBO</source>
        <translation>ELBO</translation>
    </message>
    <message>
        <source>Latent map</source>
        <translation>潜空间图</translation>
    </message>
    <message>
        <source>Reconstructions</source>
        <translation>重构</translation>
    </message>
    <message>
        <source>Latent sliders</source>
        <translation>潜变量滑块</translation>
    </message>
    <message>
        <source>Draw to encode</source>
        <translation>绘图编码</translation>
    </message>
    <message>
        <source>Interpolation and manifold</source>
        <translation>插值与流形</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open Dataset &amp;Folder…</source>
        <translation>打开数据集文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Open Dataset F&amp;ile…</source>
        <translation>打开数据集文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Open &amp;Checkpoint…</source>
        <translation>打开检查点(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Save Checkpoint…</source>
        <translation>保存检查点(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>ELBO Plot (PNG, PDF, CSV)…</source>
        <translation>ELBO 图表（PNG、PDF、CSV）…</translation>
    </message>
    <message>
        <source>Latent Map…</source>
        <translation>潜空间图…</translation>
    </message>
    <message>
        <source>Export latent map</source>
        <translation>导出潜空间图</translation>
    </message>
    <message>
        <source>Reconstructions…</source>
        <translation>重构图像…</translation>
    </message>
    <message>
        <source>Export reconstructions</source>
        <translation>导出重构图像</translation>
    </message>
    <message>
        <source>Decoded Slider Image…</source>
        <translation>滑块解码图像…</translation>
    </message>
    <message>
        <source>Export decoded image</source>
        <translation>导出解码图像</translation>
    </message>
    <message>
        <source>Interpolation Strip…</source>
        <translation>插值序列…</translation>
    </message>
    <message>
        <source>Manifold Grid…</source>
        <translation>流形网格…</translation>
    </message>
    <message>
        <source>&amp;Recent Files</source>
        <translation>最近的文件(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>简体中文</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>The language changes the next time Latent Explorer starts.</source>
        <translation>语言将在下次启动潜空间探索器时生效。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Latent Explorer</source>
        <translation>关于潜空间探索器(&amp;A)</translation>
    </message>
    <message>
        <source>About Latent Explorer</source>
        <translation>关于潜空间探索器</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Latent Explorer %1&lt;/h3&gt;&lt;p&gt;Train a variational autoencoder and explore its latent space while it learns.&lt;/p&gt;&lt;p&gt;Built with Qt, LibTorch and QCustomPlot.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;潜空间探索器 %1&lt;/h3&gt;&lt;p&gt;训练变分自编码器，并在它学习的同时探索其潜空间。&lt;/p&gt;&lt;p&gt;基于 Qt、LibTorch 和 QCustomPlot 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message numerus="yes">
        <source>%1 training / %2 test images, %n class(es)</source>
        <translation>
            <numerusform>%1 张训练图像 / %2 张测试图像，%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <source>Loaded %1.</source>
        <translation>已加载 %1。</translation>
    </message>
    <message>
        <source>Not loaded: %1</source>
        <translation>未加载：%1</translation>
    </message>
    <message>
        <source>Could not load %1.</source>
        <translation>无法加载 %1。</translation>
    </message>
    <message>
        <source>Could not load the dataset %1:
%2</source>
        <translation>无法加载数据集 %1：
%2</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>已暂停。</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <source>Epoch %1 done: test −ELBO %2 nats.</source>
        <translation>第 %1 轮完成：测试 −ELBO 为 %2 奈特。</translation>
    </message>
    <message>
        <source>Training finished.</source>
        <translation>训练完成。</translation>
    </message>
    <message>
        <source>Training stopped.</source>
        <translation>训练已停止。</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Could not open the checkpoint %1:
%2</source>
        <translation>无法打开检查点 %1：
%2</translation>
    </message>
    <message>
        <source>Opened %1: press F5 to continue training.</source>
        <translation>已打开 %1：按 F5 继续训练。</translation>
    </message>
    <message>
        <source>Could not save the checkpoint:
%1</source>
        <translation>无法保存检查点：
%1</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>Latent Explorer checkpoints (*.%1);;All files (*)</source>
        <translation>潜空间探索器检查点 (*.%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>Latent Explorer checkpoints (*.%1)</source>
        <translation>潜空间探索器检查点 (*.%1)</translation>
    </message>
    <message>
        <source>Open dataset folder (IDX files or one subfolder per class)</source>
        <translation>打开数据集文件夹（IDX 文件，或每个类别一个子文件夹）</translation>
    </message>
    <message>
        <source>Open dataset file</source>
        <translation>打开数据集文件</translation>
    </message>
    <message>
        <source>IDX images (*-idx3-ubyte *-idx3-ubyte.gz *.idx *.gz);;All files (*)</source>
        <translation>IDX 图像 (*-idx3-ubyte *-idx3-ubyte.gz *.idx *.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Stop the training before changing the dataset.</source>
        <translation>更换数据集前请先停止训练。</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
</context>
<context>
    <name>RecentFiles</name>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近的文件</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清除列表</translation>
    </message>
</context>
<context>
    <name>ReconstructionPanel</name>
    <message>
        <source>Test images and their reconstructions appear here during training.</source>
        <translation>训练期间，这里会显示测试图像及其重构。</translation>
    </message>
    <message>
        <source>Top: test inputs · bottom: reconstructions (epoch %1)</source>
        <translation>上：测试输入 · 下：重构（第 %1 轮）</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>The dataset is still loading; start again in a moment.</source>
        <translation>数据集仍在加载中，请稍后再开始。</translation>
    </message>
    <message>
        <source>No dataset is loaded. Choose one in the Training panel.</source>
        <translation>尚未加载数据集。请在“训练”面板中选择一个。</translation>
    </message>
    <message>
        <source>The training settings are not valid: %1</source>
        <translation>训练设置无效：%1</translation>
    </message>
    <message>
        <source>The checkpoint holds a different model (%1) than the one chosen (%2). Restore its settings or untick “Continue from checkpoint”.</source>
        <translation>检查点中的模型（%1）与所选模型（%2）不同。请恢复其设置，或取消勾选“从检查点继续”。</translation>
    </message>
    <message>
        <source>Training could not start.</source>
        <translation>无法开始训练。</translation>
    </message>
    <message>
        <source>Training resumed at epoch %1.</source>
        <translation>已从第 %1 轮继续训练。</translation>
    </message>
    <message>
        <source>Training started.</source>
        <translation>训练已开始。</translation>
    </message>
    <message>
        <source>There is no checkpoint yet: train at least one epoch or open a checkpoint.</source>
        <translation>还没有检查点：请至少训练一轮，或打开一个检查点。</translation>
    </message>
    <message>
        <source>Stop the training before opening a checkpoint.</source>
        <translation>打开检查点前请先停止训练。</translation>
    </message>
    <message>
        <source>The checkpoint&apos;s weights do not fit its model description.</source>
        <translation>检查点中的权重与其模型描述不符。</translation>
    </message>
    <message>
        <source>Could not build the explorer&apos;s model: %1</source>
        <translation>无法构建探索器的模型：%1</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Open folder or file…</source>
        <translation>打开文件夹或文件…</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>多层感知机</translation>
    </message>
    <message>
        <source>Convolutional</source>
        <translation>卷积网络</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>Bernoulli</source>
        <translation>伯努利</translation>
    </message>
    <message>
        <source>Gaussian (σ = 0.1)</source>
        <translation>高斯（σ = 0.1）</translation>
    </message>
    <message>
        <source>Epochs to train; when continuing from a checkpoint, the epochs added to it</source>
        <translation>要训练的轮数；从检查点继续时，为在其基础上增加的轮数</translation>
    </message>
    <message>
        <source>Continue from checkpoint</source>
        <translation>从检查点继续</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Latent dims</source>
        <translation>潜变量维数</translation>
    </message>
    <message>
        <source>Hidden units</source>
        <translation>隐藏单元数</translation>
    </message>
    <message>
        <source>β (KL weight)</source>
        <translation>β（KL 权重）</translation>
    </message>
    <message>
        <source>KL warm-up</source>
        <translation>KL 预热</translation>
    </message>
    <message>
        <source>Likelihood</source>
        <translation>似然</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start training (F5)</source>
        <translation>开始训练（F5）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause or resume (F6)</source>
        <translation>暂停或继续（F6）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current batch (Shift+F5)</source>
        <translation>在当前批次后停止（Shift+F5）</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message numerus="yes">
        <source>Continue from checkpoint (%n epoch(s) done)</source>
        <translation>
            <numerusform>从检查点继续（已完成 %n 轮）</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Epoch %1/%2 · step %3/%4 · ETA %5 · %6 samples/s</source>
        <translation>第 %1/%2 轮 · 第 %3/%4 步 · 剩余 %5 · 每秒 %6 个样本</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Autosaves</name>
    <message>
        <location filename="../ui/autosaves.cpp" line="81"/>
        <source>Restore autosave?</source>
        <translation>恢复自动保存？</translation>
    </message>
    <message>
        <location filename="../ui/autosaves.cpp" line="82"/>
        <source>An autosave from %1 is newer than the last checkpoint you saved. Open it?</source>
        <translation>%1 的自动保存比你上次保存的检查点更新。要打开它吗？</translation>
    </message>
    <message>
        <location filename="../ui/autosaves.cpp" line="86"/>
        <source>Open Autosave</source>
        <translation>打开自动保存</translation>
    </message>
    <message>
        <location filename="../ui/autosaves.cpp" line="87"/>
        <source>Not Now</source>
        <translation>暂不</translation>
    </message>
</context>
<context>
    <name>CheckpointDialog</name>
    <message>
        <location filename="../ui/checkpointdialog.cpp" line="11"/>
        <source>Open checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <location filename="../ui/checkpointdialog.cpp" line="14"/>
        <source>Checkpoints (*.ckpt);;All files (*)</source>
        <translation>检查点 (*.ckpt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>CheckpointIo</name>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="127"/>
        <source>The checkpoint %1 does not exist.</source>
        <translation>检查点 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="129"/>
        <source>Cannot open the checkpoint %1: %2</source>
        <translation>无法打开检查点 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="132"/>
        <source>%1 is too large to be a checkpoint.</source>
        <translation>%1 太大，不可能是检查点。</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="253"/>
        <source>%1 is not a usable checkpoint: %2.</source>
        <translation>%1 不是可用的检查点：%2。</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="149"/>
        <source>it does not start with the Latent Explorer checkpoint signature</source>
        <translation>它的开头不是潜空间探索器的检查点签名</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="120"/>
        <source>the checkpoint %1</source>
        <translation>检查点 %1</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="154"/>
        <source>it has format version %1; this app reads version %2</source>
        <translation>它的格式版本为 %1；本程序读取的是版本 %2</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="157"/>
        <source>the file is truncated (its header is incomplete)</source>
        <translation>文件被截断（文件头不完整）</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="161"/>
        <source>its header is damaged (%1)</source>
        <translation>文件头已损坏（%1）</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="162"/>
        <source>it is not a JSON object</source>
        <translation>它不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="172"/>
        <source>the training settings are missing</source>
        <translation>缺少训练设置</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="174"/>
        <source>the training settings are invalid (%1)</source>
        <translation>训练设置无效（%1）</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="177"/>
        <source>the training history is missing</source>
        <translation>缺少训练历史</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="181"/>
        <source>an entry of the training history is damaged</source>
        <translation>训练历史中有一条记录已损坏</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="183"/>
        <source>an entry of the training history is invalid (%1)</source>
        <translation>训练历史中有一条记录无效（%1）</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="194"/>
        <source>the file is truncated (its %1 model needs %2 weight bytes, %3 are present)</source>
        <translation>文件被截断（其 %1 模型需要 %2 字节的权重，实际只有 %3 字节）</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="199"/>
        <source>its parameter names or shapes do not match the %1 architecture it declares</source>
        <translation>其参数名称或形状与其声明的 %1 架构不符</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="209"/>
        <source>the number of weights is missing or not a number</source>
        <translation>权重数量缺失或不是数字</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="213"/>
        <source>it holds %1 weights but its architecture needs %2</source>
        <translation>它包含 %1 个权重，但其架构需要 %2 个</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="215"/>
        <source>its optimizer state has %1 values but the model has %2</source>
        <translation>其优化器状态有 %1 个值，但模型有 %2 个</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="219"/>
        <source>the file is truncated (%1 of %2 weight bytes present)</source>
        <translation>文件被截断（%2 字节权重中只有 %1 字节）</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="221"/>
        <source>it has %1 unexpected bytes at its end</source>
        <translation>其末尾有 %1 个多余的字节</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="225"/>
        <source>its weights are damaged (checksum mismatch)</source>
        <translation>其权重已损坏（校验和不匹配）</translation>
    </message>
    <message>
        <location filename="../core/model/checkpoint.cpp" line="229"/>
        <source>its weights contain NaN or infinite values</source>
        <translation>其权重包含 NaN 或无穷大值</translation>
    </message>
</context>
<context>
    <name>ClassAnalogyRow</name>
    <message>
        <location filename="../ui/classanalogyrow.cpp" line="109"/>
        <source>The sliders&apos; z decoded as class %1; click to choose it</source>
        <translation>滑块的 z 按类别 %1 解码；点击选择该类别</translation>
    </message>
</context>
<context>
    <name>ClassifierPanel</name>
    <message>
        <location filename="../ui/classifierpanel.cpp" line="21"/>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <location filename="../ui/classifierpanel.cpp" line="22"/>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location filename="../ui/classifierpanel.cpp" line="73"/>
        <source>A semi-supervised run (Labels per class in the Training panel) shows here how its classifier labels the test images: rows are the true classes, columns the predicted ones.</source>
        <translation>半监督训练（训练面板中的“每类标签数”）会在此显示其分类器如何标注测试图像：行是真实类别，列是预测类别。</translation>
    </message>
    <message>
        <location filename="../ui/classifierpanel.cpp" line="93"/>
        <source>Epoch %1: %2 % of %3 test images labelled correctly.</source>
        <translation>第 %1 轮：%3 张测试图像中 %2% 标注正确。</translation>
    </message>
    <message>
        <location filename="../ui/classifierpanel.cpp" line="98"/>
        <source>(Label graph × q(y|x); q(y|x) alone %1 %, the graph alone %2 %.)</source>
        <translation>（标签图 × q(y|x)；单独 q(y|x) %1%，单独标签图 %2%。）</translation>
    </message>
    <message>
        <location filename="../ui/classifierpanel.cpp" line="103"/>
        <source>%1 taken for %2: %3</source>
        <translation>%1 被认作 %2：%3</translation>
    </message>
    <message>
        <location filename="../ui/classifierpanel.cpp" line="105"/>
        <source>%1 Most frequent mistakes: %2.</source>
        <translation>%1最常见的错误：%2。</translation>
    </message>
    <message>
        <location filename="../ui/classifierpanel.cpp" line="105"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../ui/classifierpanel.cpp" line="127"/>
        <source>%1 Click a cell for its images.</source>
        <translation>%1点击某个单元格可查看其中的图像。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/classifierpanel.cpp" line="169"/>
        <source>%1 labelled correctly: %n image(s)</source>
        <translation>
            <numerusform>%1 被正确标注：%n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/classifierpanel.cpp" line="170"/>
        <source>%1 taken for %2: %n image(s)</source>
        <translation>
            <numerusform>%1 被认作 %2：%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/classifierpanel.cpp" line="171"/>
        <source>%1, the first %2:</source>
        <translation>%1，前 %2 张：</translation>
    </message>
    <message>
        <location filename="../ui/classifierpanel.cpp" line="92"/>
        <source>Epoch %1: %2 % of %3 validation images labelled correctly.</source>
        <translation>第 %1 轮：%3 张验证图像中 %2% 标注正确。</translation>
    </message>
    <message>
        <source>%1 labelled correctly: none</source>
        <translation>%1 被正确标注：无</translation>
    </message>
    <message>
        <source>%1 taken for %2: none</source>
        <translation>%1 被认作 %2：无</translation>
    </message>
    <message>
        <source>Epoch %1: %2 % of %3 test images of %4 (the data the model trained on) labelled correctly.</source>
        <translation>第 %1 轮：%4（模型训练所用的数据）的 %3 张测试图像中 %2% 标注正确。</translation>
    </message>
</context>
<context>
    <name>Classifiers</name>
    <message>
        <location filename="../core/transfer/classifiers.cpp" line="42"/>
        <source>Every image needs a label.</source>
        <translation>每张图像都需要一个标签。</translation>
    </message>
    <message>
        <location filename="../core/transfer/classifiers.cpp" line="45"/>
        <source>A label lies outside the %1 classes.</source>
        <translation>有标签超出了 %1 个类别的范围。</translation>
    </message>
    <message>
        <location filename="../core/transfer/classifiers.cpp" line="52"/>
        <source>The classifier needs labelled training and test features of the same size and two classes or more.</source>
        <translation>分类器需要大小相同的、带标签的训练特征和测试特征，且至少有两个类别。</translation>
    </message>
    <message>
        <location filename="../core/transfer/classifiers.cpp" line="154"/>
        <source>The classifier needs labelled training and test images and two classes or more.</source>
        <translation>分类器需要带标签的训练图像和测试图像，且至少有两个类别。</translation>
    </message>
    <message>
        <location filename="../core/transfer/classifiers.cpp" line="183"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../core/transfer/classifiers.cpp" line="124"/>
        <source>k-NN needs k of 1 or more.</source>
        <translation>k-NN 需要 k 至少为 1。</translation>
    </message>
</context>
<context>
    <name>CloseGuard</name>
    <message>
        <location filename="../ui/closeguard.cpp" line="31"/>
        <source>A transfer run is in progress.</source>
        <translation>迁移运行正在进行中。</translation>
    </message>
    <message>
        <location filename="../ui/closeguard.cpp" line="34"/>
        <source>Quitting stops it, and the strategies it has not finished are lost. Quit anyway?</source>
        <translation>退出会停止它，尚未完成的策略结果将会丢失。仍要退出吗？</translation>
    </message>
    <message>
        <location filename="../ui/closeguard.cpp" line="36"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../ui/closeguard.cpp" line="11"/>
        <location filename="../ui/closeguard.cpp" line="30"/>
        <source>Latent Explorer</source>
        <translation>潜空间探索器</translation>
    </message>
    <message>
        <location filename="../ui/closeguard.cpp" line="12"/>
        <source>The trained model has not been saved.</source>
        <translation>训练好的模型尚未保存。</translation>
    </message>
    <message>
        <location filename="../ui/closeguard.cpp" line="15"/>
        <source>Save it as a checkpoint before closing? (The last epoch is also in the autosaves.)</source>
        <translation>关闭前要将其保存为检查点吗？（最后一轮也保存在自动保存中。）</translation>
    </message>
    <message>
        <source>Training is still running, and the model has not been saved.</source>
        <translation>训练仍在进行，模型尚未保存。</translation>
    </message>
    <message>
        <source>Closing stops it. Save the model as a checkpoint before closing? (The last finished epoch is also in the autosaves.)</source>
        <translation>关闭会停止训练。关闭前要将模型保存为检查点吗？（最后完成的一轮也保存在自动保存中。）</translation>
    </message>
    <message>
        <source>The model you open takes its place in the window. Save it as a checkpoint first? (Its last epoch is also in the autosaves: its row in the Runs panel opens it.)</source>
        <translation>要打开的模型将在窗口中取代它。先把它保存为检查点吗？（它的最后一轮也在自动保存中：在“运行记录”面板中它的那一行可以打开它。）</translation>
    </message>
</context>
<context>
    <name>Dataset</name>
    <message>
        <location filename="../core/data/dataset.cpp" line="23"/>
        <source>T-shirt/top</source>
        <translation>T恤/上衣</translation>
    </message>
    <message>
        <location filename="../core/data/dataset.cpp" line="23"/>
        <source>Trouser</source>
        <translation>裤子</translation>
    </message>
    <message>
        <location filename="../core/data/dataset.cpp" line="24"/>
        <source>Pullover</source>
        <translation>套头衫</translation>
    </message>
    <message>
        <location filename="../core/data/dataset.cpp" line="24"/>
        <source>Dress</source>
        <translation>连衣裙</translation>
    </message>
    <message>
        <location filename="../core/data/dataset.cpp" line="25"/>
        <source>Coat</source>
        <translation>外套</translation>
    </message>
    <message>
        <location filename="../core/data/dataset.cpp" line="25"/>
        <source>Sandal</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <location filename="../core/data/dataset.cpp" line="26"/>
        <source>Shirt</source>
        <translation>衬衫</translation>
    </message>
    <message>
        <location filename="../core/data/dataset.cpp" line="26"/>
        <source>Sneaker</source>
        <translation>运动鞋</translation>
    </message>
    <message>
        <location filename="../core/data/dataset.cpp" line="27"/>
        <source>Bag</source>
        <translation>包</translation>
    </message>
    <message>
        <location filename="../core/data/dataset.cpp" line="27"/>
        <source>Ankle boot</source>
        <translation>短靴</translation>
    </message>
</context>
<context>
    <name>DatasetLoader</name>
    <message>
        <location filename="../core/data/datasetloader.cpp" line="67"/>
        <source>%1 holds only %2 image(s); at least 2 are needed to train and test.</source>
        <translation>%1 只有 %2 张图像；训练和测试至少需要 2 张。</translation>
    </message>
    <message>
        <location filename="../core/data/datasetloader.cpp" line="110"/>
        <source>Run scripts/setup.sh once to fetch and convert the MNIST digits.</source>
        <translation>请运行一次 scripts/setup.sh 以下载并转换 MNIST 手写数字。</translation>
    </message>
    <message>
        <location filename="../core/data/datasetloader.cpp" line="111"/>
        <source>Install the Debian package dataset-fashion-mnist.</source>
        <translation>请安装 Debian 软件包 dataset-fashion-mnist。</translation>
    </message>
    <message>
        <location filename="../core/data/datasetloader.cpp" line="113"/>
        <source>The built-in dataset &quot;%1&quot; was not found in %2. %3</source>
        <translation>在 %2 中找不到内置数据集“%1”。%3</translation>
    </message>
    <message>
        <location filename="../core/data/datasetloader.cpp" line="120"/>
        <source>&quot;%1&quot; is neither a built-in dataset (%2) nor an existing file or folder.</source>
        <translation>“%1”既不是内置数据集（%2），也不是已存在的文件或文件夹。</translation>
    </message>
</context>
<context>
    <name>DrawPanel</name>
    <message>
        <location filename="../ui/drawpanel.cpp" line="68"/>
        <source>A new model is training: the drawing is read again as soon as it has weights.</source>
        <translation>新模型正在训练：一旦它有了权重，就会重新读取这幅绘图。</translation>
    </message>
    <message>
        <location filename="../ui/drawpanel.cpp" line="21"/>
        <source>What the encoder sees (28×28)</source>
        <translation>编码器看到的图像（28×28）</translation>
    </message>
    <message>
        <location filename="../ui/drawpanel.cpp" line="24"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../ui/drawpanel.cpp" line="26"/>
        <location filename="../ui/drawpanel.cpp" line="60"/>
        <source>Draw with the mouse (a digit, a piece of clothing…); it is encoded when you let go.</source>
        <translation>用鼠标画图（数字、衣物等）；松开鼠标时即进行编码。</translation>
    </message>
    <message>
        <location filename="../ui/drawpanel.cpp" line="76"/>
        <source>Train a model or open a checkpoint to encode the drawing.</source>
        <translation>请先训练模型或打开检查点，才能对绘图进行编码。</translation>
    </message>
    <message>
        <location filename="../ui/drawpanel.cpp" line="82"/>
        <source>Encoded: the star on the latent map, and the sliders, show its μ.</source>
        <translation>已编码：潜空间图上的星号和滑块显示其 μ。</translation>
    </message>
    <message>
        <location filename="../ui/drawpanel.cpp" line="96"/>
        <source>The classifier reads it as %1 (%2), then %3 (%4).</source>
        <translation>分类器认为它是 %1（%2），其次是 %3（%4）。</translation>
    </message>
    <message>
        <source>The classifier, which knows %1&apos;s classes, reads it as %2 (%3), then %4 (%5).</source>
        <translation>分类器（它认识的是 %1 的类别）认为它是 %2（%3），其次是 %4（%5）。</translation>
    </message>
    <message>
        <source>The classifier, which knows only %1, reads it as %2 (%3), then %4 (%5).</source>
        <translation>分类器只认识 %1，它把这张图读作 %2（%3），其次是 %4（%5）。</translation>
    </message>
</context>
<context>
    <name>ElboPlotPanel</name>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="59"/>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="60"/>
        <source>nats per image</source>
        <translation>每张图像的奈特数</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="84"/>
        <source>−ELBO</source>
        <translation>−ELBO</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="84"/>
        <source>Reconstruction</source>
        <translation>重构</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="84"/>
        <source>KL</source>
        <translation>KL</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="101"/>
        <source>%1 (train)</source>
        <translation>%1（训练）</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="117"/>
        <source>%1 (test)</source>
        <translation>%1（测试）</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="189"/>
        <source>Previous run</source>
        <translation>上一次运行</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="191"/>
        <source>%1 (%2)</source>
        <comment>a run and what it did differently</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="192"/>
        <source>%1: %2</source>
        <comment>a run: a series</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="209"/>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="211"/>
        <source>Ignore outliers</source>
        <translation>忽略离群值</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="213"/>
        <source>From the second epoch on, scale the loss axis without the highest 3 % of the batch values: the first batches&apos; losses no longer flatten the rest of the run. The epochs&apos; markers always stay in view.</source>
        <translation>从第二轮起，损失坐标轴的范围不计最高的 3% 批次数值：最初几个批次的损失不再把其余部分压平。各轮的标记始终可见。</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="217"/>
        <source>Follow latest</source>
        <translation>跟随最新</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="219"/>
        <source>Keep the newest values in view; dragging or zooming turns this off</source>
        <translation>始终显示最新数值；拖动或缩放会关闭此项</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="228"/>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="229"/>
        <source>Show the whole run (or double-click the plot)</source>
        <translation>显示整个训练过程（或双击图表）</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="232"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="233"/>
        <source>Save the plot as PNG or PDF, or its values as CSV</source>
        <translation>将图表保存为 PNG 或 PDF，或将数值保存为 CSV</translation>
    </message>
    <message>
        <location filename="../ui/elboplotexport.cpp" line="25"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../ui/elboplotexport.cpp" line="57"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/elboplotexport.cpp" line="58"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../ui/elboplotexport.cpp" line="59"/>
        <source>CSV values (*.csv)</source>
        <translation>CSV 数值 (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/elboplotexport.cpp" line="61"/>
        <source>Export ELBO plot</source>
        <translation>导出 ELBO 图表</translation>
    </message>
    <message>
        <location filename="../ui/elboplotexport.cpp" line="72"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="131"/>
        <source>Accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="118"/>
        <source>Accuracy (test, %)</source>
        <translation>准确率（测试，%）</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="117"/>
        <source>%1 (validation)</source>
        <translation>%1（验证）</translation>
    </message>
    <message>
        <location filename="../ui/elboplotpanel.cpp" line="118"/>
        <source>Accuracy (validation, %)</source>
        <translation>准确率（验证，%）</translation>
    </message>
    <message>
        <location filename="../ui/elboplotview.cpp" line="98"/>
        <source>Epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <location filename="../ui/elboplotview.cpp" line="101"/>
        <source>%1: −ELBO %2 nats</source>
        <translation>%1：−ELBO %2 奈特</translation>
    </message>
</context>
<context>
    <name>EpisodeSampler</name>
    <message>
        <location filename="../core/transfer/episodesampler.cpp" line="28"/>
        <source>An episode needs 2 ways or more, 1 shot or more and 1 query or more.</source>
        <translation>一个 episode 至少需要 2 个类（way）、每类 1 个支持样本（shot）和 1 个查询样本。</translation>
    </message>
    <message>
        <location filename="../core/transfer/episodesampler.cpp" line="31"/>
        <source>Only %1 class(es) have the %2 images (shots + queries) a %3-way episode needs from each.</source>
        <translation>只有 %1 个类别具备 %3-way episode 每类所需的 %2 张图像（支持样本 + 查询样本）。</translation>
    </message>
</context>
<context>
    <name>EpochReadout</name>
    <message>
        <location filename="../ui/epochreadout.cpp" line="27"/>
        <source>validation accuracy %1 %, −ELBO %2 nats</source>
        <translation>验证准确率 %1%，−ELBO %2 奈特</translation>
    </message>
    <message>
        <location filename="../ui/epochreadout.cpp" line="27"/>
        <source>test accuracy %1 %, −ELBO %2 nats</source>
        <translation>测试准确率 %1%，−ELBO %2 奈特</translation>
    </message>
    <message>
        <location filename="../ui/epochreadout.cpp" line="29"/>
        <source>validation −ELBO %1 nats</source>
        <translation>验证 −ELBO %1 奈特</translation>
    </message>
    <message>
        <location filename="../ui/epochreadout.cpp" line="29"/>
        <source>test −ELBO %1 nats</source>
        <translation>测试 −ELBO %1 奈特</translation>
    </message>
    <message>
        <location filename="../ui/epochreadout.cpp" line="34"/>
        <source>Epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <location filename="../ui/epochreadout.cpp" line="37"/>
        <source>Validation: −ELBO %1 = reconstruction %2 + KL %3 nats</source>
        <translation>验证：−ELBO %1 = 重构 %2 + KL %3 奈特</translation>
    </message>
    <message>
        <location filename="../ui/epochreadout.cpp" line="38"/>
        <source>Test: −ELBO %1 = reconstruction %2 + KL %3 nats</source>
        <translation>测试：−ELBO %1 = 重构 %2 + KL %3 奈特</translation>
    </message>
    <message>
        <location filename="../ui/epochreadout.cpp" line="41"/>
        <source>Active latent dimensions: %1 of %2</source>
        <translation>活跃潜在维度：%2 个中有 %1 个</translation>
    </message>
    <message>
        <location filename="../ui/epochreadout.cpp" line="44"/>
        <source>Training average: −ELBO %1 = reconstruction %2 + KL %3 nats</source>
        <translation>训练平均：−ELBO %1 = 重构 %2 + KL %3 奈特</translation>
    </message>
    <message>
        <location filename="../ui/epochreadout.cpp" line="48"/>
        <source>Validation accuracy: %1 %</source>
        <translation>验证准确率：%1%</translation>
    </message>
    <message>
        <location filename="../ui/epochreadout.cpp" line="48"/>
        <source>Test accuracy: %1 %</source>
        <translation>测试准确率：%1%</translation>
    </message>
    <message>
        <location filename="../ui/epochreadout.cpp" line="50"/>
        <source> (classifier q(y|x) alone %1 %, label graph alone %2 %)</source>
        <translation>（单独分类器 q(y|x) %1%，单独标签图 %2%）</translation>
    </message>
</context>
<context>
    <name>Evaluator</name>
    <message>
        <location filename="../core/model/evaluator.cpp" line="30"/>
        <source>The importance-weighted bound is not available for the semi-supervised model.</source>
        <translation>半监督模型不提供重要性加权界。</translation>
    </message>
</context>
<context>
    <name>FewShotDialog</name>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="135"/>
        <source>The learning rate of the fast adaptation steps.</source>
        <translation>快速适应步骤使用的学习率。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="133"/>
        <source>Fast adaptation: gradient steps that fit the VAE to the support images before the queries are scored; 0 turns it off.</source>
        <translation>快速适应：在对查询图像评分之前，用支持图像对 VAE 做若干梯度步的拟合；0 表示关闭。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="130"/>
        <source>Latent augmentation: new support images decoded from samples around each support image&apos;s latent code; 0 turns it off.</source>
        <translation>潜在增强：在每张支持图像的潜在编码附近采样并解码，生成新的支持图像；0 表示关闭。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="128"/>
        <source>Episodes: how many random tasks are averaged; more gives a narrower confidence interval.</source>
        <translation>任务轮数：取平均的随机任务数量；轮数越多，置信区间越窄。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="127"/>
        <source>Queries: test images per class that each episode classifies.</source>
        <translation>查询数：每轮任务中每个类别要分类的测试图像数量。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="126"/>
        <source>Shots (K): labelled support images per class; each number gives one row of results.</source>
        <translation>样本数（K）：每个类别带标签的支持图像数量；每个数字对应结果表中的一行。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="125"/>
        <source>Ways (N): how many classes each episode tells apart.</source>
        <translation>类别数（N）：每轮任务要区分的类别数量。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="123"/>
        <source>Comma-separated labels to draw episodes from; empty means the classes the model did not train on. Classes it trained on measure nothing new.</source>
        <translation>用逗号分隔的类别标签，任务从这些类别中抽取；留空表示模型训练时未见过的类别。模型训练过的类别测不出新东西。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="121"/>
        <source>The dataset whose test split the episodes are drawn from.</source>
        <translation>从该数据集的测试集中抽取各轮任务。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="52"/>
        <source>Few-shot learning on new classes</source>
        <translation>在新类别上进行小样本学习</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="79"/>
        <source>Other checkpoint…</source>
        <translation>其他检查点…</translation>
    </message>
    <message>
        <source>unseen classes</source>
        <translation>未见过的类别</translation>
    </message>
    <message>
        <source>unseen: %1</source>
        <translation>未见过：%1</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="103"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="105"/>
        <source>Dataset (test split):</source>
        <translation>数据集（测试划分）：</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="106"/>
        <source>Classes:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="107"/>
        <source>Ways (N):</source>
        <translation>类数 (N-way)：</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="108"/>
        <source>Shots (K, comma-separated):</source>
        <translation>每类样本数（K-shot，逗号分隔）：</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="109"/>
        <source>Queries per class:</source>
        <translation>每类查询样本数：</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="110"/>
        <source>Episodes:</source>
        <translation>Episode 数：</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="111"/>
        <source>Latent augmentations per support image (0 = off):</source>
        <translation>每张支持图像的潜空间增强数（0 = 关闭）：</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="112"/>
        <source>Fast adaptation steps (0 = off):</source>
        <translation>快速适应步数（0 = 关闭）：</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="113"/>
        <source>Fast adaptation learning rate:</source>
        <translation>快速适应学习率：</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="146"/>
        <location filename="../ui/fewshotdialog.cpp" line="328"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="163"/>
        <source>Export images as folder…</source>
        <translation>将图像导出为文件夹…</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="164"/>
        <source>Export images as IDX…</source>
        <translation>将图像导出为 IDX…</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="171"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="203"/>
        <source>First episode: the support images (first row), each one&apos;s latent augmentations below it:</source>
        <translation>第一个 episode：支持图像（第一行），每张图像的潜空间增强在它下方：</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="222"/>
        <source>No model yet: open a checkpoint, or train a few-shot base first. In the Training panel, set Classes to 0,1,2,3,4 and Labels per class to All, then press F5; the held-out classes 5–9 become the few-shot task.</source>
        <translation>还没有模型：请打开一个检查点，或先训练一个小样本基础模型。在“训练”面板中把“类别”设为 0,1,2,3,4、“每类标签数”设为“全部”，然后按 F5；留出的类别 5–9 就成为小样本任务。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="229"/>
        <source>%1 trained on %2 (%3)</source>
        <translation>%1，在 %2 上训练（%3）</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="231"/>
        <source>every class — none is held out</source>
        <translation>所有类别——未留出任何类别</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="232"/>
        <source>classes %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="250"/>
        <source>every class</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="252"/>
        <source>class(es) %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="254"/>
        <source>The model was trained on %1 of %2: accuracy on them does not measure learning from a few examples. To hold classes out, train with the other classes in the Training panel&apos;s Classes (e.g. 0,1,2,3,4) and Labels per class All.</source>
        <translation>模型训练时见过 %2 的%1：在这些类别上的准确率并不能衡量小样本学习的能力。要留出新类别，请在“训练”面板的“类别”中只填其他类别（例如 0,1,2,3,4）、“每类标签数”设为“全部”，再训练。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="282"/>
        <source>Shots must be a comma-separated list of positive numbers, e.g. 1,5.</source>
        <translation>样本数（shot）必须是以逗号分隔的正整数列表，例如 1,5。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="286"/>
        <source>Classes must be a comma-separated list of labels, e.g. 5,6,7,8,9.</source>
        <translation>类别必须是以逗号分隔的标签列表，例如 5,6,7,8,9。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="316"/>
        <source>%1 — about %2 s left</source>
        <translation>%1——大约还剩 %2 秒</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="320"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="321"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="336"/>
        <source>%1-way episodes on classes %2, %3 queries per class, %4 episodes per row; mean accuracy ± 95 % confidence interval (1.96·sd/√episodes). Chance is %5 %.</source>
        <translation>在类别 %2 上进行 %1-way episode，每类 %3 个查询样本，每行 %4 个 episode；平均准确率 ± 95 % 置信区间（1.96·sd/√episode 数）。随机猜测准确率为 %5 %。</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="343"/>
        <source>shots</source>
        <translation>样本数 (shot)</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="344"/>
        <source>prototypes
on μ</source>
        <translation>基于 μ
的原型</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="345"/>
        <source>prototypes
on pixels</source>
        <translation>基于像素
的原型</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="346"/>
        <source>prototypes on
classifier features</source>
        <translation>基于分类器
特征的原型</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="347"/>
        <source>μ + latent
augmentation</source>
        <translation>μ +
潜空间增强</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="348"/>
        <source>query −ELBO
before adaptation</source>
        <translation>适应前查询
样本的 −ELBO</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="349"/>
        <source>query −ELBO
after adaptation</source>
        <translation>适应后查询
样本的 −ELBO</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="407"/>
        <source>Export as IDX (file name prefix)</source>
        <translation>导出为 IDX（文件名前缀）</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="413"/>
        <source>Export as image folder</source>
        <translation>导出为图像文件夹</translation>
    </message>
    <message>
        <location filename="../ui/fewshotdialog.cpp" line="419"/>
        <source>Export images</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source>First episode: the support images (first row), each one&apos;s latent augmentations below it. This model decodes them under the class its classifier reads, one it trained on: an unseen class comes back looking like a seen one.</source>
        <translation>第一个任务：支持图像（第一行），每张图像的潜变量增强在其下方。此模型按其分类器读出的类别解码，而那是它训练过的类别：未见过的类别会看起来像见过的类别。</translation>
    </message>
    <message>
        <source>every class (none unseen)</source>
        <translation>所有类别（没有未见过的）</translation>
    </message>
    <message>
        <source>%1 trained on %2, adapted to %3 (%4)</source>
        <translation>%1，在 %2 上训练，适应到 %3（%4）</translation>
    </message>
    <message>
        <source>Labelled examples per class in each episode</source>
        <translation>每个 episode 中每类的带标签样本数</translation>
    </message>
    <message>
        <source>Each query goes to the class whose support images&apos; mean encoder μ is nearest</source>
        <translation>每个查询样本归入其支持图像平均编码器 μ 最近的类别</translation>
    </message>
    <message>
        <source>The same on the raw pixels: the baseline the VAE should beat</source>
        <translation>同样的方法用于原始像素：VAE 应当超过的基线</translation>
    </message>
    <message>
        <source>The same on the semi-supervised model&apos;s classifier features (– for a plain VAE)</source>
        <translation>同样的方法用于半监督模型的分类器特征（普通 VAE 为 –）</translation>
    </message>
    <message>
        <source>Prototypes on μ after adding decoded-and-encoded variations of each support image (Latent augmentations)</source>
        <translation>在加入每张支持图像经解码再编码得到的变体（潜在增强）后，基于 μ 的原型</translation>
    </message>
    <message>
        <source>The model&apos;s −ELBO on the episodes&apos; query images before fast adaptation, in nats (lower is better)</source>
        <translation>快速适应前模型在各 episode 查询图像上的 −ELBO，单位奈特（越低越好）</translation>
    </message>
    <message>
        <source>The same after a few gradient steps on each episode&apos;s support images (Fast adaptation steps): a lower figure means the model adapted to the new classes; a higher one that those steps did not help</source>
        <translation>在每个 episode 的支持图像上做几步梯度更新（快速适应步数）后的同一数值：更低说明模型适应了新类别；更高说明这些步骤没有帮助</translation>
    </message>
</context>
<context>
    <name>FewShotRunner</name>
    <message>
        <location filename="../core/transfer/fewshotrunner.cpp" line="65"/>
        <source>An episode needs 2 ways or more.</source>
        <translation>一个 episode 至少需要 2 个类（way）。</translation>
    </message>
    <message>
        <location filename="../core/transfer/fewshotrunner.cpp" line="67"/>
        <source>Shots must be 1 or more.</source>
        <translation>每类样本数（shot）必须至少为 1。</translation>
    </message>
    <message>
        <location filename="../core/transfer/fewshotrunner.cpp" line="69"/>
        <source>Queries and episodes must be 1 or more.</source>
        <translation>查询样本数和 episode 数必须至少为 1。</translation>
    </message>
    <message>
        <location filename="../core/transfer/fewshotrunner.cpp" line="71"/>
        <source>Augmentation and adaptation settings must not be negative.</source>
        <translation>增强和适应设置不能为负数。</translation>
    </message>
    <message>
        <location filename="../core/transfer/fewshotrunner.cpp" line="218"/>
        <source>Few-shot episodes need a labelled dataset.</source>
        <translation>小样本 episode 需要带标签的数据集。</translation>
    </message>
    <message>
        <location filename="../core/transfer/fewshotrunner.cpp" line="266"/>
        <source>%1-way %2-shot episodes</source>
        <translation>%1-way %2-shot episode</translation>
    </message>
    <message>
        <location filename="../core/transfer/fewshotrunner.cpp" line="271"/>
        <source>Stopped; the report holds the settings that finished.</source>
        <translation>已停止；报告中包含已完成的设置。</translation>
    </message>
    <message>
        <location filename="../core/transfer/fewshotrunner.cpp" line="208"/>
        <source>Few-shot evaluation finished in %1 s.</source>
        <translation>小样本评估完成，用时 %1 秒。</translation>
    </message>
</context>
<context>
    <name>FileWrite</name>
    <message>
        <location filename="../core/util/filewrite.cpp" line="10"/>
        <source>Cannot write %1: it exists and is not a regular file.</source>
        <translation>无法写入 %1：该路径已存在且不是普通文件。</translation>
    </message>
    <message>
        <location filename="../core/util/filewrite.cpp" line="13"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/util/filewrite.cpp" line="17"/>
        <source>only %1 of %2 bytes were written</source>
        <translation>只写入了 %2 字节中的 %1 字节</translation>
    </message>
    <message>
        <location filename="../core/util/filewrite.cpp" line="20"/>
        <source>Writing %1 failed (is the disk full?): %2. The previous file is unchanged.</source>
        <translation>写入 %1 失败（磁盘是否已满？）：%2。原有文件未被改动。</translation>
    </message>
    <message>
        <location filename="../core/util/filewrite.cpp" line="24"/>
        <source>Saving %1 failed: %2. The previous file is unchanged.</source>
        <translation>保存 %1 失败：%2。原有文件未被改动。</translation>
    </message>
</context>
<context>
    <name>Idx</name>
    <message>
        <location filename="../core/data/idxreader.cpp" line="39"/>
        <source>%1 is too short to be an IDX file (%2 bytes).</source>
        <translation>%1 太短，不可能是 IDX 文件（%2 字节）。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="42"/>
        <source>%1 is not an IDX file (its first bytes are not an IDX magic number).</source>
        <translation>%1 不是 IDX 文件（其开头字节不是 IDX 魔数）。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="47"/>
        <source>%1 holds IDX element type 0x%2; only unsigned bytes (0x08) are supported.</source>
        <translation>%1 的 IDX 元素类型为 0x%2；仅支持无符号字节 (0x08)。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="52"/>
        <source>%1 claims %2 dimensions; 1 to %3 are supported.</source>
        <translation>%1 声称有 %2 个维度；仅支持 1 到 %3 个。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="55"/>
        <source>%1 ends inside its header.</source>
        <translation>%1 在文件头中途就结束了。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="62"/>
        <source>%1 claims a dimension of %2, which is not plausible.</source>
        <translation>%1 声称某个维度大小为 %2，这不合理。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="66"/>
        <source>%1 claims more than %2 elements; this is larger than any dataset the app accepts.</source>
        <translation>%1 声称包含超过 %2 个元素；这比本程序接受的任何数据集都大。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="105"/>
        <location filename="../core/data/idxreader.cpp" line="128"/>
        <location filename="../core/data/idxreader.cpp" line="152"/>
        <source>%1 is truncated: its header announces %2 bytes of data but only %3 follow.</source>
        <translation>%1 被截断：文件头声明有 %2 字节数据，但后面只有 %3 字节。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="158"/>
        <source>%1 has %2 unexpected bytes after its data.</source>
        <translation>%1 的数据之后有 %2 个多余的字节。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="167"/>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="169"/>
        <source>%1 is not a readable file.</source>
        <translation>%1 不是可读取的文件。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="175"/>
        <source>%1 could not be opened.</source>
        <translation>无法打开 %1。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="81"/>
        <source>%1 is not a valid gzip file.</source>
        <translation>%1 不是有效的 gzip 文件。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="87"/>
        <source>%1 is corrupt (gzip error while reading the header).</source>
        <translation>%1 已损坏（读取文件头时发生 gzip 错误）。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="100"/>
        <source>%1 is truncated: its header announces %2 bytes of data but the compressed file is only %3 bytes.</source>
        <translation>%1 被截断：文件头声明有 %2 字节数据，但压缩文件只有 %3 字节。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="121"/>
        <source>%1 is corrupt (gzip error while reading data).</source>
        <translation>%1 已损坏（读取数据时发生 gzip 错误）。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="135"/>
        <source>%1 has unexpected bytes after its data.</source>
        <translation>%1 的数据之后有多余的字节。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="137"/>
        <source>%1 is corrupt (gzip error at its end).</source>
        <translation>%1 已损坏（文件末尾发生 gzip 错误）。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="221"/>
        <source>%1 has %2 dimensions; an image file needs 3 (count × rows × columns).</source>
        <translation>%1 有 %2 个维度；图像文件需要 3 个（数量 × 行 × 列）。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="232"/>
        <source>%1 is not a label file (it has %2 dimensions, labels have 1).</source>
        <translation>%1 不是标签文件（它有 %2 个维度，标签文件只有 1 个）。</translation>
    </message>
    <message>
        <location filename="../core/data/idxreader.cpp" line="236"/>
        <source>%1 has %2 labels but %3 has %4 images.</source>
        <translation>%1 有 %2 个标签，但 %3 有 %4 张图像。</translation>
    </message>
</context>
<context>
    <name>ImageFolder</name>
    <message>
        <location filename="../core/data/imagefolderreader.cpp" line="97"/>
        <source>%1 (larger than 4096×4096)</source>
        <translation>%1（大于 4096×4096）</translation>
    </message>
    <message>
        <location filename="../core/data/imagefolderreader.cpp" line="103"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../core/data/imagefolderreader.cpp" line="71"/>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../core/data/imagefolderreader.cpp" line="75"/>
        <source>%1 has no subfolders. An image folder needs one subfolder per class, each holding images.</source>
        <translation>%1 没有子文件夹。图像文件夹需要每个类别一个子文件夹，每个子文件夹中存放图像。</translation>
    </message>
    <message>
        <location filename="../core/data/imagefolderreader.cpp" line="79"/>
        <source>%1 has %2 subfolders; at most 256 classes are supported.</source>
        <translation>%1 有 %2 个子文件夹；最多支持 256 个类别。</translation>
    </message>
    <message>
        <location filename="../core/data/imagefolderreader.cpp" line="92"/>
        <source>%1 holds more than %2 images.</source>
        <translation>%1 包含超过 %2 张图像。</translation>
    </message>
    <message>
        <location filename="../core/data/imagefolderreader.cpp" line="114"/>
        <source>%1 contains no readable images (PNG, JPEG, BMP, PGM or GIF) in its class subfolders.</source>
        <translation>%1 的类别子文件夹中没有可读取的图像（PNG、JPEG、BMP、PGM 或 GIF）。</translation>
    </message>
    <message>
        <location filename="../core/data/imagefolderreader.cpp" line="116"/>
        <source>Unreadable: %1.</source>
        <translation>无法读取：%1。</translation>
    </message>
    <message>
        <location filename="../core/data/imagefolderreader.cpp" line="126"/>
        <location filename="../core/data/imagefolderreader.cpp" line="132"/>
        <source>Could not create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <location filename="../core/data/imagefolderreader.cpp" line="135"/>
        <source>Could not write %1 (is the disk full or read-only?).</source>
        <translation>无法写入 %1（磁盘是否已满或为只读？）。</translation>
    </message>
</context>
<context>
    <name>InterpolationPanel</name>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="29"/>
        <source>There is nothing to export yet.</source>
        <translation>目前还没有可导出的内容。</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="31"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="92"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="67"/>
        <source>Pick two test images (or click two points on the map).</source>
        <translation>选择两张测试图像（或在潜空间图上点击两个点）。</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="68"/>
        <location filename="../ui/interpolationpanel.cpp" line="129"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="72"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="74"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="76"/>
        <source>Decoded</source>
        <translation>解码张数</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="45"/>
        <source>Interpolation</source>
        <translation>插值</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="123"/>
        <source>The manifold appears once there is a model.</source>
        <translation>有模型后将显示流形。</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="135"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="137"/>
        <source>Manifold over the two highest-KL dims</source>
        <translation>KL 最高的两个维度上的流形</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="93"/>
        <source>A test image: its encoding is this end of the strip.</source>
        <translation>一张测试图像：它的编码就是插值条的这一端。</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="101"/>
        <source>From sliders</source>
        <translation>取自滑块</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="104"/>
        <source>Use the sliders&apos; current z for this end (a map point or your drawing loads into the sliders first).</source>
        <translation>用滑块当前的 z 作为这一端（潜空间图上的点或你的手绘会先载入滑块）。</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="107"/>
        <source>sliders</source>
        <translation>滑块</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="180"/>
        <source>= %1</source>
        <translation>= %1</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="191"/>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="124"/>
        <source>Click a cell to load its z into the sliders; the dims not shown are 0.</source>
        <translation>点击一个格子，把它的 z 载入滑块；未显示的维度为 0。</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="337"/>
        <source>z%1 (rows)</source>
        <translation>z%1（行）</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="339"/>
        <source>z%1 (columns)</source>
        <translation>z%1（列）</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="46"/>
        <source>Manifold</source>
        <translation>流形</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="344"/>
        <source>Export interpolation</source>
        <translation>导出插值</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="345"/>
        <location filename="../ui/interpolationpanel.cpp" line="355"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="349"/>
        <location filename="../ui/interpolationpanel.cpp" line="359"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../ui/interpolationpanel.cpp" line="354"/>
        <source>Export manifold</source>
        <translation>导出流形</translation>
    </message>
    <message>
        <source>Images decoded along the straight line between the two ends&apos; latent codes, both ends included; a test image&apos;s end also shows the image itself beside the strip</source>
        <translation>沿两端潜在编码之间的直线解码的图像数（含两端）；测试图像的一端还会在条带旁显示原图</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The class the grid is decoded under: the Latent sliders panel&apos;s class.</source>
        <translation>网格解码所用的类别：即“潜变量滑块”面板中选择的类别。</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>Not used while this end is %1: type an index to take a test image again.</source>
        <translation>此端为 %1 时不使用：输入编号即可重新取测试图像。</translation>
    </message>
</context>
<context>
    <name>LabelGraph</name>
    <message>
        <location filename="../core/model/labelgraph.cpp" line="220"/>
        <source>patch features</source>
        <translation>图像块特征</translation>
    </message>
    <message>
        <location filename="../core/model/labelgraph.cpp" line="222"/>
        <source>nearest neighbours</source>
        <translation>最近邻</translation>
    </message>
    <message>
        <location filename="../core/model/labelgraph.cpp" line="224"/>
        <source>spreading the labels</source>
        <translation>传播标签</translation>
    </message>
    <message>
        <location filename="../core/model/labelgraph.cpp" line="226"/>
        <source>the evaluation images&apos; votes</source>
        <translation>评估图像的投票</translation>
    </message>
    <message>
        <location filename="../core/model/labelgraph.cpp" line="248"/>
        <source>The label graph needs at least two training images of at least 8 × 8 pixels, and evaluation images of the same size.</source>
        <translation>标签图至少需要两张不小于 8 × 8 像素的训练图像，且评估图像尺寸相同。</translation>
    </message>
</context>
<context>
    <name>LabelledDraw</name>
    <message>
        <location filename="../core/data/labelleddraw.cpp" line="55"/>
        <source>The semi-supervised model needs labels, and %1 has none (an IDX image file needs its labels file beside it; an image folder, one subfolder per class).</source>
        <translation>半监督模型需要标签，而 %1 没有标签（IDX 图像文件旁边需要有它的标签文件；图像文件夹需要每类一个子文件夹）。</translation>
    </message>
    <message>
        <location filename="../core/data/labelleddraw.cpp" line="57"/>
        <source>this dataset</source>
        <translation>该数据集</translation>
    </message>
    <message>
        <location filename="../core/data/labelleddraw.cpp" line="59"/>
        <source>The semi-supervised model needs at least two classes.</source>
        <translation>半监督模型至少需要两个类别。</translation>
    </message>
    <message>
        <location filename="../core/data/labelleddraw.cpp" line="75"/>
        <source>Class %1 has %2 training images, fewer than the %3 labels per class asked for.</source>
        <translation>类别 %1 只有 %2 张训练图像，少于所要求的每类 %3 个标签。</translation>
    </message>
</context>
<context>
    <name>LatentHealthPanel</name>
    <message>
        <location filename="../ui/latenthealthpanel.cpp" line="15"/>
        <source>latent dimension</source>
        <translation>潜变量维度</translation>
    </message>
    <message>
        <location filename="../ui/latenthealthpanel.cpp" line="16"/>
        <source>KL (nats)</source>
        <translation>KL（奈特）</translation>
    </message>
    <message>
        <location filename="../ui/latenthealthpanel.cpp" line="20"/>
        <source>active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <location filename="../ui/latenthealthpanel.cpp" line="24"/>
        <source>inactive</source>
        <translation>不活跃</translation>
    </message>
    <message>
        <location filename="../ui/latenthealthpanel.cpp" line="36"/>
        <source>&lt;b&gt;Posterior collapse:&lt;/b&gt; no latent dimension carries information, so the decoder ignores z. Try a smaller β, a longer KL warm-up or a smaller decoder.</source>
        <translation>&lt;b&gt;后验坍缩：&lt;/b&gt;没有任何潜变量维度携带信息，解码器忽略了 z。请尝试更小的 β、更长的 KL 预热或更小的解码器。</translation>
    </message>
    <message>
        <location filename="../ui/latenthealthpanel.cpp" line="55"/>
        <source>Epoch %1: %2 of %3 dims active (Var(μ) &gt; %4); total KL %5 nats.</source>
        <translation>第 %1 轮：%3 个维度中有 %2 个活跃（Var(μ) &gt; %4）；总 KL 为 %5 奈特。</translation>
    </message>
    <message>
        <location filename="../ui/latenthealthpanel.cpp" line="98"/>
        <source>KL per latent dimension appears after the first epoch.</source>
        <translation>第一轮结束后将显示每个潜变量维度的 KL。</translation>
    </message>
</context>
<context>
    <name>LatentMapPanel</name>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="255"/>
        <source>%1 (unseen)</source>
        <translation>%1（未见过）</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="86"/>
        <source>Export for Projector…</source>
        <translation>导出到 Projector…</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanelexport.cpp" line="19"/>
        <source>Export for TensorBoard&apos;s Embedding Projector</source>
        <translation>导出到 TensorBoard 的 Embedding Projector</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanelexport.cpp" line="28"/>
        <source>The map has no points yet.</source>
        <translation>潜空间图上还没有点。</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanelexport.cpp" line="39"/>
        <location filename="../ui/latentmappanelexport.cpp" line="41"/>
        <source>Export for Projector</source>
        <translation>导出到 Projector</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanelexport.cpp" line="39"/>
        <source>Could not export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/latentmappanelexport.cpp" line="42"/>
        <source>%n point(s) written to %1. Load its projector_config.pbtxt in TensorBoard&apos;s Embedding Projector.</source>
        <translation>
            <numerusform>已将 %n 个点写入 %1。请在 TensorBoard 的 Embedding Projector 中加载其中的 projector_config.pbtxt。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="80"/>
        <location filename="../ui/latentmappanel.cpp" line="214"/>
        <source>The map appears after the first epoch.</source>
        <translation>第一轮结束后将显示潜空间图。</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="146"/>
        <source>The map could not be computed: %1</source>
        <translation>无法计算潜空间图：%1</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="162"/>
        <source>test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="199"/>
        <source>your drawing</source>
        <translation>你的绘图</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanelexport.cpp" line="14"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="194"/>
        <source>sliders</source>
        <translation>滑块</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="270"/>
        <source>Test image %1</source>
        <translation>测试图像 %1</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="271"/>
        <source>Test image %1: %2</source>
        <translation>测试图像 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="373"/>
        <source>μ₀</source>
        <translation>μ₀</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="373"/>
        <source>first principal component</source>
        <translation>第一主成分</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="374"/>
        <source>μ₁</source>
        <translation>μ₁</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="374"/>
        <source>(unused)</source>
        <translation>（未使用）</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="375"/>
        <source>second principal component</source>
        <translation>第二主成分</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="377"/>
        <source>Epoch %1: μ of %2 test images. Hover for the image, click to decode.</source>
        <translation>第 %1 轮：%2 张测试图像的 μ。悬停查看图像，点击进行解码。</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="380"/>
        <source>Epoch %1: PCA of μ for %2 test images (%3 % + %4 % of the variance). Hover for the image, click to decode.</source>
        <translation>第 %1 轮：%2 张测试图像 μ 的主成分分析（解释 %3 % + %4 % 的方差）。悬停查看图像，点击进行解码。</translation>
    </message>
    <message>
        <location filename="../ui/latentmappanel.cpp" line="387"/>
        <source>%1 This model keeps the class in y, so μ is style: classes that mix here mean style and class are apart.</source>
        <translation>%1此模型把类别放在 y 中，所以 μ 表示风格：这里各类混在一起，说明风格与类别已分开。</translation>
    </message>
</context>
<context>
    <name>LatentProjection</name>
    <message>
        <location filename="../core/analysis/latentprojection.cpp" line="23"/>
        <source>The test set is empty.</source>
        <translation>测试集为空。</translation>
    </message>
    <message>
        <location filename="../core/analysis/latentprojection.cpp" line="34"/>
        <source>The encoder returned an unexpected number of values.</source>
        <translation>编码器返回的数值个数不符合预期。</translation>
    </message>
</context>
<context>
    <name>LatentSliderPanel</name>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="37"/>
        <source>Train or open a checkpoint to decode latent points.</source>
        <translation>请训练模型或打开检查点以解码潜变量点。</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="47"/>
        <source>Rows sorted by KL, most informative first; the order holds while the pointer is over them.</source>
        <translation>各行按 KL 排序，信息量最大的在前；鼠标指针停在行上时顺序保持不变。</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="212"/>
        <source>Test image #%1, encoded: the sliders show its μ, the image beside it their decoding</source>
        <translation>已编码测试图像 #%1：滑块显示其 μ，旁边的图像是滑块的解码结果</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="81"/>
        <source>Sample prior</source>
        <translation>从先验采样</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="83"/>
        <source>Draw z from the standard normal prior</source>
        <translation>从标准正态先验中抽取 z</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="85"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="86"/>
        <source>Set every latent dimension to 0</source>
        <translation>将所有潜变量维度设为 0</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="90"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="91"/>
        <source>Index of a test image</source>
        <translation>测试图像的序号</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="92"/>
        <source>Encode</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="94"/>
        <source>Move the sliders to μ of the chosen test image</source>
        <translation>将滑块移到所选测试图像的 μ</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="224"/>
        <source>z%1</source>
        <translation>z%1</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="297"/>
        <source>z%1: KL %2 nats</source>
        <translation>z%1：KL %2 奈特</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanel.cpp" line="298"/>
        <source>z%1: KL %2 nats, inactive (μ barely varies over the test set)</source>
        <translation>z%1：KL %2 奈特，不活跃（μ 在测试集上几乎不变）</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanelclasses.cpp" line="19"/>
        <source>The class the image above is decoded under: the sliders set the style, the class the digit</source>
        <translation>上方图像解码时所用的类别：滑块决定风格，类别决定是哪个数字</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanelclasses.cpp" line="25"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../ui/latentsliderpanelclasses.cpp" line="30"/>
        <source>The same z under every class:</source>
        <translation>同一个 z 在每个类别下的解码：</translation>
    </message>
    <message>
        <source>Class (%1)</source>
        <translation>类别（%1）</translation>
    </message>
    <message>
        <source>This model keeps the classes of the data it was adapted from, %1: it was adapted without labels.</source>
        <translation>此模型保留了它所迁移自的数据 %1 的类别：它是在没有标签的情况下迁移的。</translation>
    </message>
</context>
<context>
    <name>Likelihood</name>
    <message>
        <location filename="../core/model/likelihood.cpp" line="56"/>
        <source>Bernoulli</source>
        <translation>伯努利</translation>
    </message>
    <message>
        <location filename="../core/model/likelihood.cpp" line="57"/>
        <source>Gaussian (σ = 0.1)</source>
        <translation>高斯（σ = 0.1）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp"/>
        <source>This model was adapted to %1 without its labels, from a semi-supervised model: its classes are still its source's (%2), so there are no labels here to score its classifier on. The Transfer wizard's semi-supervised strategy trains a classifier on %1's labels.</source>
        <translation>此模型由一个半监督模型在不使用 %1 标签的情况下迁移而来：它的类别仍是源模型的类别（%2），因此这里没有可用来评估其分类器的标签。迁移向导的“半监督”（semi-supervised）策略会用 %1 的标签训练一个分类器。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="62"/>
        <source>Confusion Matrix…</source>
        <translation>混淆矩阵…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="63"/>
        <source>Export confusion matrix</source>
        <translation>导出混淆矩阵</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="96"/>
        <source>Classifier</source>
        <translation>分类器</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="97"/>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="160"/>
        <source>Loaded %1; %n file(s) skipped.</source>
        <translation>
            <numerusform>已加载 %1；跳过了 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="74"/>
        <source>Explore the adapted model</source>
        <translation>探索适应后的模型</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="75"/>
        <source>The adapted model cannot be opened now:
%1

Save it to a file, to open it later?</source>
        <translation>现在无法打开适应后的模型：
%1

要把它保存到文件，以后再打开吗？</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="89"/>
        <source>Adapted model[*] — Latent Explorer</source>
        <translation>适应后的模型[*] — 潜空间探索器</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="90"/>
        <source>Exploring the adapted model (not saved yet: Ctrl+S saves it).</source>
        <translation>正在探索适应后的模型（尚未保存：按 Ctrl+S 保存）。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="144"/>
        <source>&amp;User Guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="109"/>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="30"/>
        <source>%1[*] — Latent Explorer</source>
        <translation>%1[*] — 潜空间探索器</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="36"/>
        <location filename="../ui/mainwindow.cpp" line="341"/>
        <source>Latent Explorer</source>
        <translation>潜空间探索器</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="45"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="84"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="85"/>
        <source>Latent health</source>
        <translation>潜变量健康度</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="86"/>
        <source>ELBO</source>
        <translation>ELBO</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="87"/>
        <source>Latent map</source>
        <translation>潜空间图</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="88"/>
        <source>Reconstructions</source>
        <translation>重构</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="91"/>
        <source>Latent sliders</source>
        <translation>潜变量滑块</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="92"/>
        <source>Draw to encode</source>
        <translation>绘图编码</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="93"/>
        <source>Interpolation and manifold</source>
        <translation>插值与流形</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="38"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="39"/>
        <source>Open Dataset &amp;Folder…</source>
        <translation>打开数据集文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="41"/>
        <source>Open Dataset F&amp;ile…</source>
        <translation>打开数据集文件(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="43"/>
        <source>Open &amp;Checkpoint…</source>
        <translation>打开检查点(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="46"/>
        <source>&amp;Save Checkpoint…</source>
        <translation>保存检查点(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="47"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="57"/>
        <source>ELBO Plot (PNG, PDF, CSV)…</source>
        <translation>ELBO 图表（PNG、PDF、CSV）…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="58"/>
        <source>Latent Map…</source>
        <translation>潜空间图…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="59"/>
        <source>Export latent map</source>
        <translation>导出潜空间图</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="66"/>
        <source>Reconstructions…</source>
        <translation>重构图像…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="67"/>
        <source>Export reconstructions</source>
        <translation>导出重构图像</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="70"/>
        <source>Decoded Slider Image…</source>
        <translation>滑块解码图像…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="71"/>
        <source>Export decoded image</source>
        <translation>导出解码图像</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="74"/>
        <source>Interpolation Strip…</source>
        <translation>插值序列…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="75"/>
        <source>Manifold Grid…</source>
        <translation>流形网格…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="48"/>
        <source>&amp;Recent Files</source>
        <translation>最近的文件(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="51"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="80"/>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="81"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="351"/>
        <location filename="../ui/mainwindowmenus.cpp" line="82"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="84"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="89"/>
        <source>T&amp;ools</source>
        <translation>工具(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="90"/>
        <source>&amp;Transfer to Another Dataset…</source>
        <translation>迁移到其他数据集(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="96"/>
        <source>&amp;Few-Shot Learning…</source>
        <translation>小样本学习(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="105"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="106"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="110"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="127"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="127"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="127"/>
        <source>简体中文</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="135"/>
        <source>The language changes the next time Latent Explorer starts.</source>
        <translation>语言将在下次启动潜空间探索器时生效。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="143"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="149"/>
        <source>&amp;About Latent Explorer</source>
        <translation>关于潜空间探索器(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="150"/>
        <source>About Latent Explorer</source>
        <translation>关于潜空间探索器</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowmenus.cpp" line="151"/>
        <source>&lt;h3&gt;Latent Explorer %1&lt;/h3&gt;&lt;p&gt;Train a variational autoencoder and explore its latent space while it learns.&lt;/p&gt;&lt;p&gt;Built with Qt, LibTorch and QCustomPlot.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;潜空间探索器 %1&lt;/h3&gt;&lt;p&gt;训练变分自编码器，并在它学习的同时探索其潜空间。&lt;/p&gt;&lt;p&gt;基于 Qt、LibTorch 和 QCustomPlot 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="137"/>
        <location filename="../ui/mainwindow.cpp" line="138"/>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="143"/>
        <source>%1 training / %2 test images, %n class(es)</source>
        <translation>
            <numerusform>%1 张训练图像 / %2 张测试图像，%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="151"/>
        <source>Other sizes and colours: converted to 28×28 grayscale.</source>
        <translation>其他尺寸或彩色图像：已转换为 28×28 灰度。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="154"/>
        <source>%n file(s) skipped (hover for the list).</source>
        <translation>
            <numerusform>跳过了 %n 个文件（悬停查看列表）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="156"/>
        <source>Files that could not be read:</source>
        <translation>无法读取的文件：</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="158"/>
        <source>… and %1 more</source>
        <translation>…… 另有 %1 个</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="174"/>
        <source>Loaded %1.</source>
        <translation>已加载 %1。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="179"/>
        <source>Not loaded: %1</source>
        <translation>未加载：%1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="183"/>
        <source>No images: %1 could not be loaded.</source>
        <translation>没有图像：无法加载 %1。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="186"/>
        <source>Could not load %1.</source>
        <translation>无法加载 %1。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="189"/>
        <source>Could not load the dataset %1:
%2</source>
        <translation>无法加载数据集 %1：
%2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="191"/>
        <source>The checkpoint&apos;s dataset %1 could not be loaded:
%2

Its model is open: the sliders and sampling work. To see its latent map and reconstructions, or to continue its training, open its data with File ▸ Open Dataset Folder.</source>
        <translation>无法加载该检查点的数据集 %1：
%2

其模型已打开：滑块和采样可以使用。要查看其潜空间图和重构，或继续训练，请通过“文件 ▸ 打开数据集文件夹”打开其数据。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowrun.cpp" line="28"/>
        <source>Paused.</source>
        <translation>已暂停。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowrun.cpp" line="28"/>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowrun.cpp" line="45"/>
        <source>Epoch %1 done: test −ELBO %2 nats.</source>
        <translation>第 %1 轮完成：测试 −ELBO 为 %2 奈特。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowrun.cpp" line="58"/>
        <source>Training finished.</source>
        <translation>训练完成。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowrun.cpp" line="58"/>
        <source>Finished: %1.</source>
        <translation>完成：%1。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowrun.cpp" line="60"/>
        <location filename="../ui/mainwindowrun.cpp" line="62"/>
        <source>Training stopped.</source>
        <translation>训练已停止。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowrun.cpp" line="61"/>
        <source>%1 Epoch %2: %3.</source>
        <translation>%1第 %2 轮：%3。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowrun.cpp" line="84"/>
        <source>Could not read that run&apos;s autosave:
%1</source>
        <translation>无法读取该次运行的自动保存文件：
%1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowrun.cpp" line="89"/>
        <source>The %1 measured other images or in other units (its dataset, classes, likelihood or held-out images differ from this model&apos;s): its −ELBO cannot stand beside this one.</source>
        <translation>%1测量的是其他图像或使用了其他单位（其数据集、类别、似然或留出图像与当前模型不同）：它的 −ELBO 不能与当前模型并列比较。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowrun.cpp" line="98"/>
        <source>The ELBO plot shows the %1 beside this model.</source>
        <translation>ELBO 图已在当前模型旁显示%1。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowrun.cpp" line="56"/>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="26"/>
        <source>Could not open the checkpoint %1:
%2</source>
        <translation>无法打开检查点 %1：
%2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="31"/>
        <source>Opened %1: press F5 to continue training.</source>
        <translation>已打开 %1：按 F5 继续训练。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="39"/>
        <location filename="../ui/mainwindowfiles.cpp" line="86"/>
        <source>Could not save the checkpoint:
%1</source>
        <translation>无法保存检查点：
%1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="43"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="50"/>
        <source>Open checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="51"/>
        <source>Latent Explorer checkpoints (*.%1);;All files (*)</source>
        <translation>潜空间探索器检查点 (*.%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="59"/>
        <location filename="../ui/mainwindowfiles.cpp" line="81"/>
        <source>Save checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="60"/>
        <location filename="../ui/mainwindowfiles.cpp" line="82"/>
        <source>Latent Explorer checkpoints (*.%1)</source>
        <translation>潜空间探索器检查点 (*.%1)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="107"/>
        <source>Open dataset folder (IDX files or one subfolder per class)</source>
        <translation>打开数据集文件夹（IDX 文件，或每个类别一个子文件夹）</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="115"/>
        <source>Open dataset file</source>
        <translation>打开数据集文件</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="116"/>
        <source>IDX images (*-idx3-ubyte *-idx3-ubyte.gz *.idx *.gz);;All files (*)</source>
        <translation>IDX 图像 (*-idx3-ubyte *-idx3-ubyte.gz *.idx *.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="97"/>
        <source>Stop the training before changing the dataset.</source>
        <translation>更换数据集前请先停止训练。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="132"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowfiles.cpp" line="134"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="351"/>
        <source>&amp;Resume</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowrun.cpp" line="44"/>
        <source>Epoch %1 done: validation −ELBO %2 nats.</source>
        <translation>第 %1 轮完成：验证 −ELBO 为 %2 奈特。</translation>
    </message>
    <message>
        <source>Adapted model (%1)[*] — Latent Explorer</source>
        <translation>适应后的模型（%1）[*] — 潜空间探索器</translation>
    </message>
</context>
<context>
    <name>ModelSpec</name>
    <message>
        <location filename="../core/model/modelspec.cpp" line="18"/>
        <source>gaussian</source>
        <translation>高斯</translation>
    </message>
    <message>
        <location filename="../core/model/modelspec.cpp" line="19"/>
        <source>bernoulli</source>
        <translation>伯努利</translation>
    </message>
    <message>
        <location filename="../core/model/modelspec.cpp" line="12"/>
        <source>%1 with a conv classifier 1-32-64-256</source>
        <translation>%1，带卷积分类器 1-32-64-256</translation>
    </message>
    <message>
        <location filename="../core/model/modelspec.cpp" line="14"/>
        <source>%1 with a classifier on gradient histograms and pixels</source>
        <translation>%1，分类器读取梯度直方图和像素</translation>
    </message>
    <message>
        <location filename="../core/model/modelspec.cpp" line="17"/>
        <source>%1, %2</source>
        <comment>architecture, likelihood</comment>
        <translation>%1，%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/model/modelspec.cpp" line="19"/>
        <source>%1, semi-supervised over %n classes</source>
        <translation>
            <numerusform>%1，在 %n 个类别上半监督</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PyTorchInterop</name>
    <message>
        <location filename="../core/interop/zipreader.cpp" line="130"/>
        <source>its zip directory is missing (the file is truncated)</source>
        <translation>缺少其 zip 目录（文件被截断）</translation>
    </message>
    <message>
        <location filename="../core/interop/zipreader.cpp" line="138"/>
        <location filename="../core/interop/zipreader.cpp" line="165"/>
        <location filename="../core/interop/zipreader.cpp" line="184"/>
        <location filename="../core/interop/zipreader.cpp" line="213"/>
        <location filename="../core/interop/zipreader.cpp" line="218"/>
        <source>its zip directory is damaged</source>
        <translation>其 zip 目录已损坏</translation>
    </message>
    <message>
        <location filename="../core/interop/zipreader.cpp" line="161"/>
        <location filename="../core/interop/zipreader.cpp" line="195"/>
        <source>it uses ZIP64 records, which a state dict of these models never needs</source>
        <translation>它使用了 ZIP64 记录，而这些模型的 state dict 从不需要它</translation>
    </message>
    <message>
        <location filename="../core/interop/zipreader.cpp" line="163"/>
        <source>its zip directory points outside the file</source>
        <translation>其 zip 目录指向文件之外</translation>
    </message>
    <message>
        <location filename="../core/interop/zipreader.cpp" line="192"/>
        <source>its zip entries are encrypted, which torch.save never writes</source>
        <translation>其 zip 条目已加密，而 torch.save 从不写入加密条目</translation>
    </message>
    <message>
        <location filename="../core/interop/zipreader.cpp" line="197"/>
        <source>it holds compressed entries, which torch.save never writes</source>
        <translation>它包含压缩条目，而 torch.save 从不写入压缩条目</translation>
    </message>
    <message>
        <location filename="../core/interop/zipreader.cpp" line="202"/>
        <source>its zip entries claim more data than the file holds</source>
        <translation>其 zip 条目声明的数据量超过了文件实际大小</translation>
    </message>
    <message>
        <location filename="../core/interop/zipreader.cpp" line="208"/>
        <source>its zip entries are not in one folder, as torch.save writes them</source>
        <translation>其 zip 条目不在同一个文件夹中（torch.save 写出的文件都是如此）</translation>
    </message>
    <message>
        <location filename="../core/interop/zipreader.cpp" line="235"/>
        <source>its version record is damaged</source>
        <translation>其版本记录已损坏</translation>
    </message>
    <message>
        <location filename="../core/interop/zipreader.cpp" line="251"/>
        <source>it has no usable format version record</source>
        <translation>它没有可用的格式版本记录</translation>
    </message>
    <message>
        <location filename="../core/interop/pickleobjects.cpp" line="56"/>
        <source>it holds an OrderedDict, as torch.save(model.state_dict(), path) writes; save a plain dict instead: torch.save(dict(model.state_dict()), path)</source>
        <translation>它包含的是 OrderedDict，即 torch.save(model.state_dict(), path) 写入的格式；请改为保存普通 dict：torch.save(dict(model.state_dict()), path)</translation>
    </message>
    <message>
        <location filename="../core/interop/pickleobjects.cpp" line="105"/>
        <source>it refers to the Python object &apos;%1&apos;, which a state dict of tensors never needs (nothing was run)</source>
        <translation>它引用了 Python 对象 &apos;%1&apos;，而由张量组成的 state dict 从不需要它（未执行任何代码）</translation>
    </message>
    <message>
        <location filename="../core/interop/pickleobjects.cpp" line="120"/>
        <source>one of its keys is not a string</source>
        <translation>它的某个键不是字符串</translation>
    </message>
    <message>
        <location filename="../core/interop/pickleobjects.cpp" line="124"/>
        <source>the entry &apos;%1&apos; is a dict, as in a training checkpoint; save the model&apos;s state dict by itself</source>
        <translation>条目 &apos;%1&apos; 是一个 dict，如同训练检查点中那样；请单独保存模型的 state dict</translation>
    </message>
    <message>
        <location filename="../core/interop/pickleobjects.cpp" line="210"/>
        <source>a tensor at byte %1 has a shape that needs more values than its storage holds</source>
        <translation>第 %1 字节处的张量的形状所需的值多于其存储中的值</translation>
    </message>
    <message>
        <location filename="../core/interop/pickleobjects.cpp" line="238"/>
        <source>tensor storage &apos;%1&apos; is on the device &apos;%2&apos;, which LibTorch cannot map to the CPU</source>
        <translation>张量存储 &apos;%1&apos; 位于设备 &apos;%2&apos; 上，LibTorch 无法将其映射到 CPU</translation>
    </message>
    <message>
        <location filename="../core/interop/pickleobjects.cpp" line="246"/>
        <source>tensor storage &apos;%1&apos; has no record data/%1 in the archive</source>
        <translation>张量存储 &apos;%1&apos; 在归档中没有 data/%1 记录</translation>
    </message>
    <message>
        <location filename="../core/interop/pickleobjects.cpp" line="250"/>
        <source>tensor storage &apos;%1&apos; declares %2 values of %3 bytes, but its record data/%1 holds %4 bytes</source>
        <translation>张量存储 &apos;%1&apos; 声明了 %2 个 %3 字节的值，但其记录 data/%1 只有 %4 字节</translation>
    </message>
    <message>
        <location filename="../core/interop/pickleobjects.cpp" line="259"/>
        <source>its tensors make LibTorch read their storages %1 bytes in all, far more than the file holds</source>
        <translation>其张量会让 LibTorch 总共读取 %1 字节的存储，远超文件本身的内容</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="40"/>
        <source>its data.pkl record is not a pickle</source>
        <translation>其 data.pkl 记录不是 pickle</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="42"/>
        <source>its pickle uses protocol %1; LibTorch reads protocol 2, torch.save&apos;s default (save without pickle_protocol)</source>
        <translation>其 pickle 使用协议 %1；LibTorch 只读取协议 2，即 torch.save 的默认协议（保存时不要指定 pickle_protocol）</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="67"/>
        <source>its pickle is malformed at byte %1</source>
        <translation>其 pickle 在第 %1 字节处格式错误</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="72"/>
        <source>its pickle nests containers more deeply than a state dict does (at byte %1)</source>
        <translation>其 pickle 的容器嵌套比任何 state dict 都深（第 %1 字节处）</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="77"/>
        <source>its pickle ends before its STOP opcode (the file is truncated)</source>
        <translation>其 pickle 在 STOP 操作码之前就结束了（文件被截断）</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="89"/>
        <source>its pickle keeps more than %1 values on its stack (at byte %2)</source>
        <translation>其 pickle 在栈上保留了超过 %1 个值（第 %2 字节处）</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="130"/>
        <source>its pickle uses opcode 0x%1 at byte %2, outside what LibTorch reads of a dict of tensors</source>
        <translation>其 pickle 在第 %2 字节处使用了操作码 0x%1，不在 LibTorch 读取张量 dict 时所支持的范围内</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="180"/>
        <source>a string at byte %1 claims %2 bytes, more than the pickle holds or a state dict&apos;s names need</source>
        <translation>第 %1 字节处的字符串声称有 %2 字节，超过了 pickle 的剩余内容或 state dict 名称所需的长度</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="320"/>
        <source>the entry &apos;%1&apos; is not a tensor</source>
        <translation>条目 &apos;%1&apos; 不是张量</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="325"/>
        <location filename="../core/interop/statedictscan.cpp" line="327"/>
        <location filename="../core/interop/statedictscan.cpp" line="329"/>
        <location filename="../core/interop/statedictscan.cpp" line="331"/>
        <location filename="../core/interop/statedictscan.cpp" line="333"/>
        <location filename="../core/interop/statedictscan.cpp" line="335"/>
        <location filename="../core/interop/statedictscan.cpp" line="337"/>
        <source>it holds a %1, not a dict of tensors</source>
        <translation>它包含的是 %1，而不是由张量组成的 dict</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="349"/>
        <source>its pickle stores memo entry %1 at byte %2, past the %3 entries stored so far</source>
        <translation>其 pickle 在第 %2 字节处存储 memo 条目 %1，超出了目前已存储的 %3 个条目</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="356"/>
        <source>its pickle keeps more than %1 memo entries (at byte %2)</source>
        <translation>其 pickle 保留了超过 %1 个 memo 条目（第 %2 字节处）</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="365"/>
        <source>its pickle refers to memo entry %1 at byte %2, which it never stored</source>
        <translation>其 pickle 在第 %2 字节处引用了从未存储过的 memo 条目 %1</translation>
    </message>
    <message>
        <location filename="../core/interop/statedictscan.cpp" line="373"/>
        <source>its pickle builds a tuple of %1 items at byte %2; a state dict&apos;s have at most %3</source>
        <translation>其 pickle 在第 %2 字节处构建了含 %1 项的元组；state dict 中的元组最多只有 %3 项</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="92"/>
        <source>its zip directory is damaged</source>
        <translation>其 zip 目录已损坏</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="95"/>
        <source>its zip entries claim more data than the file holds</source>
        <translation>其 zip 条目声明的数据量超过了文件实际大小</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="251"/>
        <source>one of its keys is not a string</source>
        <translation>它的某个键不是字符串</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="253"/>
        <source>the entry &apos;%1&apos; is not a tensor</source>
        <translation>条目 &apos;%1&apos; 不是张量</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="246"/>
        <source>it holds a %1, not a dict of tensors</source>
        <translation>它包含的是 %1，而不是由张量组成的 dict</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="209"/>
        <source>its classifier has an implausible number of classes (%1)</source>
        <translation>其分类器的类别数不合理（%1）</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="202"/>
        <source>it has no usable &apos;encoder_hidden.weight&apos; to take the hidden width from (give --hidden)</source>
        <translation>它没有可用的 &apos;encoder_hidden.weight&apos; 来确定隐藏层宽度（请指定 --hidden）</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="217"/>
        <source>it has no usable &apos;decoder_hidden.weight&apos; to take the latent size from (give --latent)</source>
        <translation>它没有可用的 &apos;decoder_hidden.weight&apos; 来确定潜变量维数（请指定 --latent）</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="222"/>
        <source>the model size is implausible (hidden %1, latent %2)</source>
        <translation>模型大小不合理（隐藏层 %1，潜变量 %2）</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="317"/>
        <source>The model size is implausible (hidden %1, latent %2).</source>
        <translation>模型大小不合理（隐藏层 %1，潜变量 %2）。</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="319"/>
        <source>The weights hold %1 values but the %2 model needs %3.</source>
        <translation>权重包含 %1 个值，但 %2 模型需要 %3 个。</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="332"/>
        <source>LibTorch could not write the state dict: %1</source>
        <translation>LibTorch 无法写入 state dict：%1</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="348"/>
        <source>%1 is not a usable PyTorch state dict: %2.</source>
        <translation>%1 不是可用的 PyTorch state dict：%2。</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="139"/>
        <source>it is larger than %1 bytes</source>
        <translation>它大于 %1 字节</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="142"/>
        <source>it is not a zip archive as torch.save writes (save with PyTorch 1.6 or newer, without _use_new_zipfile_serialization=False)</source>
        <translation>它不是 torch.save 所写的 zip 归档（请使用 PyTorch 1.6 或更新版本保存，且不要设置 _use_new_zipfile_serialization=False）</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="284"/>
        <source>%1 is %2, the %3 model needs %4</source>
        <translation>%1 的形状为 %2，而 %3 模型需要 %4</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="289"/>
        <source>&apos;%1&apos; holds %2 values, not floating point</source>
        <translation>&apos;%1&apos; 包含 %2 类型的值，而不是浮点数</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="299"/>
        <source>it lacks %1 of the %2 model</source>
        <translation>它缺少 %2 模型的 %1</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="303"/>
        <source>it has entries the %1 model does not: %2</source>
        <translation>它包含 %1 模型中没有的条目：%2</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="366"/>
        <source>its tensors contain NaN or infinite values</source>
        <translation>其张量包含 NaN 或无穷大值</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="369"/>
        <source>LibTorch could not read it (%1)</source>
        <translation>LibTorch 无法读取它（%1）</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="377"/>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="379"/>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="382"/>
        <source>%1 is larger than %2 bytes; it is not a state dict of these models.</source>
        <translation>%1 大于 %2 字节；它不是这些模型的 state dict。</translation>
    </message>
    <message>
        <location filename="../core/interop/pytorchinterop.cpp" line="88"/>
        <source>it has no data.pkl record, which torch.save always writes</source>
        <translation>它没有 data.pkl 记录，而 torch.save 总会写入该记录</translation>
    </message>
</context>
<context>
    <name>RecentFiles</name>
    <message>
        <location filename="../ui/recentfiles.cpp" line="44"/>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <location filename="../ui/recentfiles.cpp" line="50"/>
        <source>No recent files</source>
        <translation>没有最近的文件</translation>
    </message>
    <message>
        <location filename="../ui/recentfiles.cpp" line="54"/>
        <source>Clear list</source>
        <translation>清除列表</translation>
    </message>
</context>
<context>
    <name>ReconstructionPanel</name>
    <message>
        <location filename="../ui/reconstructionpanel.cpp" line="64"/>
        <source>Test images and their reconstructions appear here during training.</source>
        <translation>训练期间，这里会显示测试图像及其重构。</translation>
    </message>
    <message>
        <location filename="../ui/reconstructionpanel.cpp" line="35"/>
        <source>Top: test inputs · bottom: reconstructions (epoch %1)</source>
        <translation>上：测试输入 · 下：重构（第 %1 轮）</translation>
    </message>
    <message>
        <location filename="../ui/reconstructionpanel.cpp" line="34"/>
        <source>Top: validation inputs · bottom: reconstructions (epoch %1)</source>
        <translation>上：验证输入 · 下：重建（第 %1 轮）</translation>
    </message>
</context>
<context>
    <name>RunComparison</name>
    <message>
        <location filename="../ui/runcomparison.cpp" line="8"/>
        <source>labels off</source>
        <translation>不用标签</translation>
    </message>
    <message>
        <location filename="../ui/runcomparison.cpp" line="9"/>
        <source>all labels</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location filename="../ui/runcomparison.cpp" line="10"/>
        <source>%1 labels per class</source>
        <translation>每类 %1 个标签</translation>
    </message>
    <message>
        <location filename="../ui/runcomparison.cpp" line="25"/>
        <source>latent %1</source>
        <translation>潜变量 %1</translation>
    </message>
    <message>
        <location filename="../ui/runcomparison.cpp" line="27"/>
        <source>hidden %1</source>
        <translation>隐藏层 %1</translation>
    </message>
    <message>
        <location filename="../ui/runcomparison.cpp" line="29"/>
        <source>β %1</source>
        <translation>β %1</translation>
    </message>
    <message>
        <location filename="../ui/runcomparison.cpp" line="31"/>
        <source>warm-up %1</source>
        <translation>预热 %1</translation>
    </message>
    <message>
        <location filename="../ui/runcomparison.cpp" line="35"/>
        <source>batch %1</source>
        <translation>批大小 %1</translation>
    </message>
    <message>
        <location filename="../ui/runcomparison.cpp" line="37"/>
        <source>learning rate %1</source>
        <translation>学习率 %1</translation>
    </message>
    <message>
        <location filename="../ui/runcomparison.cpp" line="39"/>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <location filename="../ui/runcomparison.cpp" line="40"/>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>RunHistoryPanel</name>
    <message>
        <location filename="../ui/runrecord.cpp" line="48"/>
        <source>%1; learning rate %2, batch %3, seed %4</source>
        <translation>%1；学习率 %2，批大小 %3，种子 %4</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="96"/>
        <source>Open its autosave</source>
        <translation>打开它的自动保存文件</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="99"/>
        <source>Compare on the ELBO plot</source>
        <translation>在 ELBO 图上比较</translation>
    </message>
    <message>
        <source>Open its autosave (gone: the newest five are kept)</source>
        <translation>打开其自动保存（已删除：只保留最新的五个）</translation>
    </message>
    <message>
        <source>Compare on the ELBO plot (it is the model shown)</source>
        <translation>在 ELBO 图上比较（它就是当前显示的模型）</translation>
    </message>
    <message>
        <source>That run is the model shown: its curves are the ELBO plot&apos;s own.</source>
        <translation>该运行就是当前显示的模型：ELBO 图上的曲线就是它的。</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="105"/>
        <source>run of %1</source>
        <translation>%1 的运行</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="109"/>
        <source>Each run that ends gets a row here: its settings and figures side by side, kept between sessions.</source>
        <translation>每次结束的训练在这里占一行：设置和结果并排列出，下次启动时仍然保留。</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="114"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="115"/>
        <location filename="../ui/runhistorypanel.cpp" line="291"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="170"/>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="170"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="170"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="170"/>
        <source>β</source>
        <translation>β</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="170"/>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="171"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="171"/>
        <source>−ELBO</source>
        <translation>−ELBO</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="172"/>
        <source>The last epoch&apos;s −ELBO in nats per image, on the test split (or the held-out images).</source>
        <translation>最后一轮的 −ELBO，单位为每张图像的奈特，在测试集上（或在留出的图像上）。</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="174"/>
        <source>The classifier&apos;s accuracy on the same images (runs with labels).</source>
        <translation>分类器在同一批图像上的准确率（带标签的运行）。</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="176"/>
        <source>How long the run took (this part, for a continued run).</source>
        <translation>运行用时（继续训练的运行只算这一段）。</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="171"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="171"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="181"/>
        <source>%1 (classes %2)</source>
        <translation>%1（类别 %2）</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="183"/>
        <source>conv, latent %1</source>
        <translation>conv，潜变量 %1</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="184"/>
        <source>%1 %2, latent %3</source>
        <translation>%1 %2，潜变量 %3</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="185"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="186"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="187"/>
        <source>%1 per class</source>
        <translation>每类 %1</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="194"/>
        <source>%1 (validation)</source>
        <translation>%1（验证）</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="200"/>
        <source>%1 (stopped)</source>
        <translation>%1（已停止）</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="206"/>
        <source>Double-click to open its autosave, %1.</source>
        <translation>双击打开它的自动保存文件 %1。</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="207"/>
        <source>Its autosave is gone (the newest five are kept).</source>
        <translation>它的自动保存文件已不存在（只保留最新的五个）。</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="273"/>
        <location filename="../ui/runhistorypanel.cpp" line="277"/>
        <source>Export runs</source>
        <translation>导出运行记录</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="273"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="279"/>
        <source>Saved %1 run(s) to %2.</source>
        <translation>已将 %1 条运行记录保存到 %2。</translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="287"/>
        <source>Clear runs</source>
        <translation>清除运行记录</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/runhistorypanel.cpp" line="288"/>
        <source>Forget the %n run(s) listed? Their checkpoints stay where they are.</source>
        <translation>
            <numerusform>要清除列出的 %n 条运行记录吗？它们的检查点文件不受影响。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/runhistorypanel.cpp" line="317"/>
        <source>The autosave of that run is gone: the newest five are kept. Save a run you want to keep with Ctrl+S.</source>
        <translation>该次运行的自动保存文件已不存在：只保留最新的五个。想保留的运行请用 Ctrl+S 保存。</translation>
    </message>
    <message>
        <source>k-NN on μ</source>
        <translation>基于 μ 的 k-NN</translation>
    </message>
    <message>
        <source>fine-tuned classifier</source>
        <translation>微调分类器</translation>
    </message>
    <message>
        <source>own classifier</source>
        <translation>自带分类器</translation>
    </message>
    <message>
        <source>own classifier with the label graph</source>
        <translation>自带分类器与标签图</translation>
    </message>
    <message>
        <source>linear probe on μ</source>
        <translation>基于 μ 的线性探针</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Adapted from %1&apos;s model by %2: the model a transfer run&apos;s answer names.</source>
        <translation>由 %1 的模型经%2迁移而来：一次迁移运行的结论所指的模型。</translation>
    </message>
    <message>
        <source>The model a transfer run from %1 names in its answer: %2, which trains its own model on this data from scratch (not from %1&apos;s).</source>
        <translation>一次从 %1 迁移的运行在结论中所指的模型：%2，它在此数据上从头训练自己的模型（并非从 %1 的模型开始）。</translation>
    </message>
    <message>
        <source>Its %1 %2 against the raw pixels&apos; %3, with %4 labels per class, on the whole test split (the answer&apos;s figures are on half of it).</source>
        <translation>其%1为 %2，原始像素为 %3，每类 %4 个标签，在整个测试集上（结论中的数值在其中一半上）。</translation>
    </message>
    <message>
        <source>k-NN</source>
        <translation>k-NN</translation>
    </message>
    <message>
        <source>fine-tuned</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>q(y|x)</source>
        <translation>q(y|x)</translation>
    </message>
    <message>
        <source>q(y|x) × graph</source>
        <translation>q(y|x) × 标签图</translation>
    </message>
    <message>
        <source>probe</source>
        <translation>线性探针</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Ended %1.</source>
        <translation>结束于 %1。</translation>
    </message>
    <message>
        <source>Its Time is this strategy&apos;s; the whole transfer (every strategy and the baselines) took %1.</source>
        <translation>“用时”是这一策略的；整个迁移（所有策略和基线）用时 %1。</translation>
    </message>
    <message>
        <source>Its report: %1</source>
        <translation>其报告：%1</translation>
    </message>
    <message>
        <source>mlp %1 + conv classifier, latent %2</source>
        <translation>mlp %1 + 卷积分类器，潜变量 %2</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../ui/session.cpp" line="104"/>
        <source>%1
Correct Classes in the Training panel, or leave it empty to train on every class.</source>
        <translation>%1
请在“训练”面板中更正“类别”，或将其留空以在所有类别上训练。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="89"/>
        <source>The dataset is still loading; start again in a moment.</source>
        <translation>数据集仍在加载中，请稍后再开始。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="59"/>
        <source>The dataset %1 could not be loaded: %2</source>
        <translation>无法加载数据集 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="91"/>
        <source>No dataset is loaded. Choose one in the Training panel.</source>
        <translation>尚未加载数据集。请在“训练”面板中选择一个。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="92"/>
        <source>%1
Choose the data in the Training panel or with File ▸ Open Dataset Folder.</source>
        <translation>%1
请在“训练”面板中或通过“文件 ▸ 打开数据集文件夹”选择数据。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="99"/>
        <source>The training settings are not valid: %1</source>
        <translation>训练设置无效：%1</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="114"/>
        <source>The checkpoint holds a different model (%1) than the one chosen (%2). Restore its settings or untick “Continue from checkpoint”.</source>
        <translation>检查点中的模型（%1）与所选模型（%2）不同。请恢复其设置，或取消勾选“从检查点继续”。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="121"/>
        <source>%1 Restore its settings or untick “Continue from checkpoint”.</source>
        <translation>%1 请恢复其设置，或取消勾选“从检查点继续”。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="140"/>
        <source>Training could not start.</source>
        <translation>无法开始训练。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="144"/>
        <source>Training resumed at epoch %1.</source>
        <translation>已从第 %1 轮继续训练。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="145"/>
        <source>Training started.</source>
        <translation>训练已开始。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="181"/>
        <source>There is no checkpoint yet: train at least one epoch or open a checkpoint.</source>
        <translation>还没有检查点：请至少训练一轮，或打开一个检查点。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="193"/>
        <location filename="../ui/session.cpp" line="206"/>
        <source>Stop the training before opening a checkpoint.</source>
        <translation>打开检查点前请先停止训练。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="209"/>
        <source>The checkpoint&apos;s weights do not fit its model description.</source>
        <translation>检查点中的权重与其模型描述不符。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="362"/>
        <source>Could not build the explorer&apos;s model: %1</source>
        <translation>无法构建探索器的模型：%1</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="389"/>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="240"/>
        <source>%1
Choose fewer labels per class in the Training panel, or Off for the plain VAE.</source>
        <translation>%1
请在“训练”面板中减少每类标签数，或选择“关闭”以训练普通 VAE。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="243"/>
        <source>The model is set up for %1 classes, but the training data has %2. Load the dataset again or set Labels per class to Off.</source>
        <translation>模型按 %1 个类别设置，但训练数据有 %2 个类别。请重新加载数据集，或把每类标签数设为“关闭”。</translation>
    </message>
    <message>
        <location filename="../ui/session.cpp" line="235"/>
        <source>%1
Hold out fewer validation images in the Training panel.</source>
        <translation>%1
请在训练面板中留出更少的验证图像。</translation>
    </message>
</context>
<context>
    <name>StartupWindow</name>
    <message>
        <location filename="../app/launcher/startupwindow.cpp" line="40"/>
        <source>Loading the training engine…</source>
        <translation>正在加载训练引擎…</translation>
    </message>
    <message>
        <location filename="../app/launcher/gui.cpp" line="105"/>
        <source>Latent Explorer cannot start</source>
        <translation>Latent Explorer 无法启动</translation>
    </message>
</context>
<context>
    <name>TrainConfig</name>
    <message>
        <location filename="../core/training/trainconfig.cpp"/>
        <source>The names of the source's classes do not match the model's number of classes.</source>
        <translation>源模型的类别名称与模型的类别数不符。</translation>
    </message>
    <message>
        <location filename="../core/model/modelspec.cpp" line="26"/>
        <source>The latent dimension must be between 1 and %1.</source>
        <translation>潜变量维数必须在 1 到 %1 之间。</translation>
    </message>
    <message>
        <location filename="../core/model/modelspec.cpp" line="29"/>
        <source>The hidden size must be between 1 and %1.</source>
        <translation>隐藏层大小必须在 1 到 %1 之间。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="74"/>
        <source>The number of epochs must be between 1 and 100000.</source>
        <translation>轮数必须在 1 到 100000 之间。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="76"/>
        <source>The batch size must be between 1 and 65536.</source>
        <translation>批大小必须在 1 到 65536 之间。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="78"/>
        <source>The learning rate must be a positive number.</source>
        <translation>学习率必须是正数。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="80"/>
        <source>β must be a non-negative number.</source>
        <translation>β 必须是非负数。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="82"/>
        <source>The KL warm-up must be zero or more epochs.</source>
        <translation>KL 预热必须为零轮或更多轮。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="86"/>
        <source>The thread count must be between 0 (automatic) and 256.</source>
        <translation>线程数必须在 0（自动）到 256 之间。</translation>
    </message>
    <message>
        <location filename="../core/model/modelspec.cpp" line="31"/>
        <source>A semi-supervised model needs between 2 and %1 classes.</source>
        <translation>半监督模型需要 2 到 %1 个类别。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="88"/>
        <source>The number of labels per class must be at least 1 (or all).</source>
        <translation>每类标签数必须至少为 1（或全部）。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="93"/>
        <source>The semi-supervised weights (α, consistency, adversarial ε, entropy, balance) must be non-negative numbers, the perturbation strength between 0 and 3, the class sampling between 0 and 1.</source>
        <translation>半监督权重（α、一致性、对抗 ε、熵、类别均衡）必须是非负数，扰动强度必须在 0 到 3 之间，类别采样必须在 0 到 1 之间。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="84"/>
        <source>The number of validation images must be zero or more.</source>
        <translation>验证图像数必须为零或更多。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="28"/>
        <source>The checkpoint trained on %1; a continued run must train on the same dataset (%2 chosen).</source>
        <translation>该检查点在 %1 上训练；继续训练必须使用同一数据集（当前选择的是 %2）。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="37"/>
        <source>every class</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="37"/>
        <source>classes %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="39"/>
        <source>The checkpoint trained on %1; a continued run must train on the same ones (%2 chosen).</source>
        <translation>该检查点在%1上训练；继续训练必须使用相同的类别（当前选择的是%2）。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="44"/>
        <source>The checkpoint held out %1 training images for validation; a continued run must hold out the same (%2 chosen).</source>
        <translation>该检查点留出了 %1 张训练图像作为验证集；继续训练必须留出相同数量（当前选择的是 %2）。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="49"/>
        <source>every label</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="49"/>
        <source>%1 labels per class</source>
        <translation>每类 %1 个标签</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="50"/>
        <source>The checkpoint learned from %1; a continued run must use the same labels (%2 chosen).</source>
        <translation>该检查点学习自%1；继续训练必须使用相同的标签（当前选择：%2）。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="57"/>
        <source>labelled images</source>
        <translation>有标签图像</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="58"/>
        <source>labelled and validation images</source>
        <translation>有标签图像和验证图像</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="59"/>
        <source>validation images</source>
        <translation>验证图像</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="60"/>
        <source>The checkpoint drew its %1 with seed %2; a continued run must keep it (%3 chosen).</source>
        <translation>该检查点用种子 %2 抽取了其%1；继续训练必须保持该种子（当前选择：%3）。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="96"/>
        <source>The label graph&apos;s weight of the classifier must be a non-negative number.</source>
        <translation>标签图中分类器的权重必须是非负数。</translation>
    </message>
    <message>
        <location filename="../core/training/trainconfig.cpp" line="108"/>
        <source>%1 validation images would leave no training image: the training split holds %2.</source>
        <translation>留出 %1 张验证图像将不剩任何训练图像：训练集只有 %2 张。</translation>
    </message>
    <message>
        <source>%1 drawn training images</source>
        <translation>抽取的 %1 张训练图像</translation>
    </message>
    <message>
        <source>every training image</source>
        <translation>全部训练图像</translation>
    </message>
    <message>
        <source>The checkpoint trained on %1; a continued run must train on the same images (%2 chosen).</source>
        <translation>该检查点在%1上训练；继续训练必须使用相同的图像（当前选择的是%2）。</translation>
    </message>
    <message>
        <source>The number of training images must be zero (all) or more.</source>
        <translation>训练图像数必须为零（全部）或更多。</translation>
    </message>
</context>
<context>
    <name>Trainer</name>
    <message>
        <location filename="../core/training/trainer.cpp" line="115"/>
        <source>The training set is empty.</source>
        <translation>训练集为空。</translation>
    </message>
    <message>
        <location filename="../core/training/trainer.cpp" line="122"/>
        <source>The checkpoint&apos;s model (%1) differs from the requested one (%2).</source>
        <translation>检查点中的模型（%1）与所请求的模型（%2）不同。</translation>
    </message>
    <message>
        <location filename="../core/training/semisupervisedlabels.cpp" line="21"/>
        <source>The model distinguishes %1 classes, but the training data has %2.</source>
        <translation>模型区分 %1 个类别，但训练数据有 %2 个。</translation>
    </message>
    <message>
        <location filename="../core/training/trainer.cpp" line="129"/>
        <source>The checkpoint&apos;s optimizer state does not match its model.</source>
        <translation>检查点的优化器状态与其模型不匹配。</translation>
    </message>
    <message>
        <location filename="../core/training/trainer.cpp" line="153"/>
        <source>Label graph: %2 (%1 training images)…</source>
        <translation>标签图：%2（%1 张训练图像）…</translation>
    </message>
    <message>
        <location filename="../core/training/trainer.cpp" line="171"/>
        <source>Stopped before the first epoch.</source>
        <translation>在第一轮开始前已停止。</translation>
    </message>
    <message>
        <location filename="../core/training/trainer.cpp" line="175"/>
        <source>Label graph ready (%1 s).</source>
        <translation>标签图已就绪（%1 秒）。</translation>
    </message>
    <message>
        <location filename="../core/training/trainer.cpp" line="203"/>
        <source>Stopped during epoch %1.</source>
        <translation>在第 %1 轮中途停止。</translation>
    </message>
    <message>
        <location filename="../core/training/trainer.cpp" line="211"/>
        <source>The loss became %1 in epoch %2, step %3. Training stopped; the weights from the last finished epoch are kept. Try a smaller learning rate.</source>
        <translation>在第 %2 轮第 %3 步，损失变为 %1。训练已停止，保留最后一个完整轮次的权重。请尝试更小的学习率。</translation>
    </message>
    <message>
        <location filename="../core/training/trainer.cpp" line="393"/>
        <source>Trained %1 epoch(s) in %2 s.</source>
        <translation>已训练 %1 轮，用时 %2 秒。</translation>
    </message>
    <message>
        <location filename="../core/training/trainer.cpp" line="396"/>
        <source>Training failed inside LibTorch: %1</source>
        <translation>训练在 LibTorch 内部失败：%1</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../ui/trainingpanel.cpp" line="235"/>
        <source>Paused at epoch %1/%2 · step %3/%4</source>
        <translation>已暂停：第 %1/%2 轮 · 第 %3/%4 步</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="159"/>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="65"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="44"/>
        <source>Train only on these labels, e.g. 0,1,2,3,4; empty trains on every class. The classes left out stay unseen, so Tools ▸ Few-Shot Learning can measure learning them from a few examples</source>
        <translation>只在这些标签上训练，例如 0,1,2,3,4；留空则使用所有类别。未选的类别在训练中不会出现，因此“工具 ▸ 小样本学习”可以衡量仅凭几个样本学会它们的效果</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanellabels.cpp" line="72"/>
        <source>Every label of the chosen classes, the others held out: a base model for few-shot learning on them (Tools ▸ Few-Shot Learning). Its recipe, measured best for that on the digits: Model Convolutional and 30 epochs (the image perturbation then grows to 2 by itself).</source>
        <translation>所选类别的全部标签，其余类别留出：这是在留出类别上做小样本学习的基础模型（工具 ▸ 小样本学习）。在数字数据上测得最佳的配方：模型选卷积网络、30 轮（图像扰动随之自动增大到 2）。</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanellabels.cpp" line="105"/>
        <source>Few-shot base, with its recipe</source>
        <translation>小样本基础模型，已用其配方</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanellabels.cpp" line="104"/>
        <source>Few-shot base: &lt;a href=&quot;recipe&quot;&gt;use its recipe&lt;/a&gt;</source>
        <translation>小样本基础模型：&lt;a href=&quot;recipe&quot;&gt;使用其配方&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="26"/>
        <source>MLP: fully connected layers, fast. Convolutional: image filters, sharper digits, slower. With labels per class (semi-supervised), the VAE stays an MLP and Convolutional gives its classifier the image filters</source>
        <translation>MLP：全连接层，速度快。卷积：图像滤波器，数字更清晰，但较慢。设置每类标签数（半监督）时，VAE 仍为 MLP，“卷积”让其分类器使用图像滤波器</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="28"/>
        <source>How many numbers describe each image (the sliders); 2 can be drawn as a plane, more give sharper images</source>
        <translation>用多少个数描述每张图像（即滑块数）；2 维可画成平面，更多维图像更清晰</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="30"/>
        <source>Width of the MLP&apos;s hidden layer: more units learn more detail but train slower</source>
        <translation>MLP 隐藏层的宽度：单元越多，学到的细节越多，但训练越慢</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="31"/>
        <source>Weight of the KL term: above 1 gives smoother, more separated latents, below 1 sharper reconstructions</source>
        <translation>KL 项的权重：大于 1 时潜在空间更平滑、更分明，小于 1 时重建更清晰</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="33"/>
        <source>Epochs over which β grows from 0 to its value, so the model first learns to reconstruct (0: no warm-up)</source>
        <translation>β 从 0 逐渐增加到设定值所用的轮数，让模型先学会重建（0：不预热）</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="35"/>
        <source>How pixels are scored: Bernoulli for black-and-white images such as digits, Gaussian for grey levels</source>
        <translation>像素的评分方式：伯努利适合数字这类黑白图像，高斯适合灰度图像</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="37"/>
        <source>Images per training step: larger batches are smoother, smaller ones update more often</source>
        <translation>每个训练步骤使用的图像数：批次越大越平稳，越小更新越频繁</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="38"/>
        <source>Step size of the optimiser (Adam): too large diverges, too small learns slowly. Type it as 0.001 or 1e-3</source>
        <translation>优化器（Adam）的步长：过大会发散，过小则学得慢。可输入 0.001 或 1e-3</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="39"/>
        <source>Starting point of the random numbers: the same seed and settings give the same run</source>
        <translation>随机数的起点：相同的种子和设置得到相同的训练结果</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanel.cpp" line="178"/>
        <source>Train on from the checkpoint&apos;s weights instead of a new model</source>
        <translation>从检查点的权重继续训练，而不是新建模型</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanel.cpp" line="181"/>
        <source>The checkpoint holds a different model: set Model, Latent dims, Hidden units, Likelihood and Labels per class back to continue it</source>
        <translation>检查点中的模型与当前设置不同：把模型、潜在维度、隐藏单元、似然和每类标签数改回原值才能继续训练</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanel.cpp" line="169"/>
        <source>The checkpoint holds a different model: set %1 back to continue it</source>
        <translation>检查点中的模型与当前设置不同：把%1改回原值才能继续训练</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanel.cpp" line="170"/>
        <source>, </source>
        <comment>between field names</comment>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="56"/>
        <source>Open folder or file…</source>
        <translation>打开文件夹或文件…</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="75"/>
        <source>MLP</source>
        <translation>多层感知机</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="76"/>
        <source>Convolutional</source>
        <translation>卷积网络</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="90"/>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="122"/>
        <source>Epochs to train; when continuing from a checkpoint, the epochs added to it</source>
        <translation>要训练的轮数；从检查点继续时，为在其基础上增加的轮数</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanel.cpp" line="157"/>
        <location filename="../ui/trainingpanelfields.cpp" line="147"/>
        <source>Continue from checkpoint</source>
        <translation>从检查点继续</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="157"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="160"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="161"/>
        <source>Latent dims</source>
        <translation>潜变量维数</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="162"/>
        <source>Hidden units</source>
        <translation>隐藏单元数</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="163"/>
        <source>β (KL weight)</source>
        <translation>β（KL 权重）</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="164"/>
        <source>KL warm-up</source>
        <translation>KL 预热</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="165"/>
        <source>Likelihood</source>
        <translation>似然</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="168"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="169"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="170"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="178"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="179"/>
        <source>Start training (F5)</source>
        <translation>开始训练（F5）</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanel.cpp" line="219"/>
        <location filename="../ui/trainingpanelfields.cpp" line="180"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="181"/>
        <source>Pause or resume (F6)</source>
        <translation>暂停或继续（F6）</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="182"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="183"/>
        <source>Stop after the current batch (Shift+F5)</source>
        <translation>在当前批次后停止（Shift+F5）</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanel.cpp" line="53"/>
        <location filename="../ui/trainingpanel.cpp" line="264"/>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message numerus="yes">
        <source>Continue from checkpoint (%n epoch(s))</source>
        <translation>
            <numerusform>从检查点继续（%n 轮）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/trainingpanel.cpp" line="219"/>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanel.cpp" line="232"/>
        <source>Epoch %1/%2 · step %3/%4 · ETA %5</source>
        <translation>第 %1/%2 轮 · 第 %3/%4 步 · 剩余 %5</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanel.cpp" line="279"/>
        <source>%p% · ETA %1</source>
        <translation>%p% · 剩余 %1</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanel.cpp" line="230"/>
        <source>%p% · %1 samples/s</source>
        <translation>%p% · 每秒 %1 个样本</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="97"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="98"/>
        <source>K per class:</source>
        <translation>每类 K 个：</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="99"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="166"/>
        <source>Labels per class</source>
        <translation>每类标签数</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanellabels.cpp" line="61"/>
        <source>This dataset has no labels (or none are loaded yet), so only the plain VAE can be trained.</source>
        <translation>此数据集没有标签（或尚未加载），只能训练普通 VAE。</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanellabels.cpp" line="63"/>
        <source>A single class to train on: the semi-supervised model needs at least two.</source>
        <translation>只有一个类别可供训练：半监督模型至少需要两个类别。</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanellabels.cpp" line="64"/>
        <source>Off: the plain VAE, no labels used. K per class: the semi-supervised VAE (Kingma et al. 2014) with K labelled training images of every class, the rest of the training set unlabelled. All: every training image keeps its label.</source>
        <translation>关闭：普通 VAE，不使用标签。每类 K 个：半监督 VAE（Kingma 等，2014），每个类别取 K 张带标签的训练图像，训练集其余部分不带标签。全部：每张训练图像都保留标签。</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanellabels.cpp" line="68"/>
        <source>Labelled training images of every class, drawn with the seed</source>
        <translation>每个类别带标签的训练图像数，按随机种子抽取</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanellabels.cpp" line="87"/>
        <source>Not used: this dataset has no labels.</source>
        <translation>未使用：此数据集没有标签。</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanellabels.cpp" line="88"/>
        <source>Not used: a single class to train on.</source>
        <translation>未使用：只有一个类别可供训练。</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanellabels.cpp" line="97"/>
        <source>Too many: a class has only %1 images</source>
        <translation>太多了：有一个类别只有 %1 张图像</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanellabels.cpp" line="98"/>
        <source>%1 labelled, the rest unlabelled</source>
        <translation>%1 张带标签，其余不带标签</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanellabels.cpp" line="101"/>
        <source>Every training image labelled</source>
        <translation>每张训练图像都带标签</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="136"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="171"/>
        <source>Seed, validation</source>
        <translation>种子、验证集</translation>
    </message>
    <message>
        <location filename="../ui/trainingpanelfields.cpp" line="41"/>
        <source>Validation: hold this many training images out (drawn with the seed, never trained on or labelled) and show the figures on them instead of the test split: choose settings here, then report the test split once (File ▸ Open and the CLI&apos;s eval)</source>
        <translation>验证集：留出这么多张训练图像（按种子抽取，既不用于训练也不加标签），在它们上而不是测试集上显示各项指标：在这里选择设置，最后只在测试集上报告一次（文件 ▸ 打开，以及命令行的 eval）</translation>
    </message>
    <message>
        <source>%p% · paused</source>
        <translation>%p% · 已暂停</translation>
    </message>
    <message>
        <source>Model %1 → %2</source>
        <translation>模型 %1 → %2</translation>
    </message>
    <message>
        <source>Epochs %1 → %2</source>
        <translation>轮数 %1 → %2</translation>
    </message>
    <message>
        <source>Few-shot recipe: %1.</source>
        <translation>小样本配方：%1。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue training the checkpoint&apos;s model (F5); untick “Continue from checkpoint” for a new model</source>
        <translation>继续训练检查点中的模型（F5）；取消勾选“从检查点继续”可训练新模型</translation>
    </message>
    <message>
        <source>Classes chosen: %1 of the %2 training images</source>
        <translation>所选类别：%2 张训练图像中的 %1 张</translation>
    </message>
    <message>
        <source>Classes: the data has none of these labels.</source>
        <translation>类别：数据中没有这些标签。</translation>
    </message>
    <message>
        <source>Its classifier knows %1&apos;s classes, not these</source>
        <translation>其分类器只认识 %1 的类别，不认识这些</translation>
    </message>
    <message>
        <source>This model was adapted to its data from a semi-supervised model, without the data&apos;s labels: its classifier still names %1&apos;s classes. Continue trains it on this data&apos;s labels as chosen here.</source>
        <translation>此模型由半监督模型迁移到当前数据，未使用当前数据的标签：其分类器仍以 %1 的类别命名。“继续”会按此处的选择用当前数据的标签训练它。</translation>
    </message>
    <message>
        <source>%1; no label %2</source>
        <translation>%1；没有标签 %2</translation>
    </message>
</context>
<context>
    <name>TransferCurvePlot</name>
    <message>
        <location filename="../ui/transfercurveplot.cpp" line="34"/>
        <source>Scale to the adapted epochs</source>
        <translation>按适应后的轮次缩放</translation>
    </message>
    <message>
        <location filename="../ui/transfercurveplot.cpp" line="35"/>
        <source>Epoch 0 is each model before adapting: a model of another dataset starts far above where the strategies end, which flattens their differences. Ticked, the axis shows epochs 1 on and the lines from epoch 0 come down from above it; the results table keeps epoch 0 as &quot;target −ELBO before&quot;.</source>
        <translation>第 0 轮是各模型适应之前的状态：另一个数据集的模型起点远高于各策略的终点，会把它们之间的差别压平。勾选时，坐标轴显示第 1 轮及以后，来自第 0 轮的折线从轴的上方落下；结果表中的“适应前 目标 −ELBO”一列保留第 0 轮的数值。</translation>
    </message>
    <message>
        <location filename="../ui/transfercurveplot.cpp" line="47"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../ui/transfercurveplot.cpp" line="48"/>
        <source>target −ELBO (nats)</source>
        <translation>目标 −ELBO（奈特）</translation>
    </message>
    <message>
        <location filename="../ui/transfercurveplot.cpp" line="138"/>
        <source>Epoch 0, before adapting: %1–%2 nats, above the axis</source>
        <translation>第 0 轮（适应前）：%1–%2 奈特，在坐标轴上方</translation>
    </message>
    <message>
        <location filename="../ui/transfercurveplot.cpp" line="139"/>
        <source>Epoch 0, before adapting: %1 nats, above the axis</source>
        <translation>第 0 轮（适应前）：%1 奈特，在坐标轴上方</translation>
    </message>
    <message>
        <location filename="../ui/transfercurveplot.cpp" line="162"/>
        <source>Epoch 0, before adapting</source>
        <translation>第 0 轮（适应前）</translation>
    </message>
    <message>
        <location filename="../ui/transfercurveplot.cpp" line="162"/>
        <source>Epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <location filename="../ui/transfercurveplot.cpp" line="164"/>
        <source>%1: %2 nats</source>
        <translation>%1：%2 奈特</translation>
    </message>
</context>
<context>
    <name>TransferResultsPage</name>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="162"/>
        <source>unadapted source</source>
        <translation>未适应的源模型</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="373"/>
        <source>Saved the %1 model to %2.</source>
        <translation>已将 %1 模型保存到 %2。</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="69"/>
        <source>On Finish, open the chosen strategy&apos;s model in the main window, with its history.</source>
        <translation>点击“完成”时，在主窗口中打开所选策略的模型及其训练历史。</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="68"/>
        <source>Explore the adapted model</source>
        <translation>探索适应后的模型</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="53"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="54"/>
        <source>Every figure beside its baseline; the sentences below say what each number means.</source>
        <translation>每个数值都与其基线并列；下面的说明解释了每个数值的含义。</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="67"/>
        <source>Save adapted model…</source>
        <translation>保存适应后的模型…</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="71"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="72"/>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="73"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="113"/>
        <source>target −ELBO
before</source>
        <translation>适应前
目标 −ELBO</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="113"/>
        <source>target −ELBO
after</source>
        <translation>适应后
目标 −ELBO</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="113"/>
        <source>source −ELBO
after</source>
        <translation>适应后
源 −ELBO</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="114"/>
        <source>linear probe
on μ</source>
        <translation>基于 μ 的
线性探针</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="114"/>
        <source>encoder + head
fine-tuned</source>
        <translation>编码器 + 分类头
微调</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="136"/>
        <source>unadapted source encoder</source>
        <translation>未适应的源编码器</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="136"/>
        <source>classifier from scratch</source>
        <translation>从零训练的分类器</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="136"/>
        <location filename="../ui/transferresultspage.cpp" line="162"/>
        <source>raw pixels</source>
        <translation>原始像素</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="162"/>
        <source>scratch clf.</source>
        <translation>从零分类器</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="169"/>
        <location filename="../ui/transferresultspage.cpp" line="222"/>
        <source>linear probe</source>
        <translation>线性探针</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="170"/>
        <location filename="../ui/transferresultspage.cpp" line="211"/>
        <source>fine-tuned classifier</source>
        <translation>微调分类器</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="181"/>
        <source>own classifier (semi-supervised)</source>
        <translation>自身分类器（半监督）</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="116"/>
        <source>its own
classifier</source>
        <translation>自身
分类器</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="200"/>
        <source>test accuracy (%)</source>
        <translation>测试准确率 (%)</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="213"/>
        <source>own classifier with the label graph</source>
        <translation>自带分类器与标签图</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="245"/>
        <source>&lt;p&gt;The semi-supervised strategy was not run. It is the one that also trains its classifier on the unlabelled target images; tick it on the Strategies page to compare it (it trains once per label draw: about %1 min more here).&lt;/p&gt;</source>
        <translation>&lt;p&gt;本次没有运行半监督策略。只有它会同时用未标注的目标图像训练自己的分类器；在“策略”页勾选它即可比较（它每次标签抽取都要训练一次：在这里约多需 %1 分钟）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="257"/>
        <source>&lt;p&gt;Target: %1 (%2 test images, %3 classes); the VAE adapted on %4 unlabelled images for %5 epoch(s); classifiers saw %6 labelled images per class. Chance accuracy is %7. Every accuracy is the mean over %8 draw(s) of those labels, ± the half-width of its 95 % interval (none with one draw).&lt;/p&gt;</source>
        <translation>&lt;p&gt;目标：%1（%2 张测试图像，%3 个类别）；VAE 在 %4 张无标签图像上适应了 %5 轮；分类器每类使用 %6 张带标签图像。随机猜测准确率为 %7。每个准确率都是对这些标签 %8 次抽取的平均值，± 其 95% 置信区间的半宽（只抽取一次时没有区间）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="273"/>
        <source>Its own classifier q(y|x) with the label graph&apos;s vote, %1: a VAE with a classifier (Kingma et al.&apos;s M2) trained from scratch on the unlabelled target images and the same K labels per class, its q(y|x) multiplied with the vote of the target images&apos; nearest neighbours the labels were spread over, scored on the target test split.&lt;br&gt;</source>
        <translation>它自己的分类器 q(y|x) 乘以标签图的投票，%1：一个带分类器的 VAE（Kingma 等人的 M2），在无标签的目标图像和同样每类 K 个标签上从零训练，其 q(y|x) 与标签沿之传播的目标图像近邻的投票相乘，在目标测试集上评分。&lt;br&gt;</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="287"/>
        <source>Target −ELBO before, %1 nats: how badly the starting model explains an average target test image.&lt;br&gt;</source>
        <translation>适应前目标 −ELBO，%1 奈特：初始模型对一张平均目标测试图像的解释有多差。&lt;br&gt;</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="289"/>
        <source>Target −ELBO after, %1 nats: the same after adaptation; lower means the target images are modelled better.&lt;br&gt;</source>
        <translation>适应后目标 −ELBO，%1 奈特：适应后的同一指标；越低表示目标图像被建模得越好。&lt;br&gt;</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="292"/>
        <source>Source −ELBO after, %1 nats (was %2): how well the adapted model still explains the source test images; a rise is forgetting.&lt;br&gt;</source>
        <translation>适应后源 −ELBO，%1 奈特（原为 %2）：适应后的模型对源测试图像的解释程度；上升即表示遗忘。&lt;br&gt;</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="296"/>
        <source>Linear probe, %1: a logistic regression on the adapted encoder&apos;s μ as it is (not standardised, so unused latent dimensions stay small), trained on the K labels per class and scored on the target test split.&lt;br&gt;</source>
        <translation>线性探针，%1：在适应后编码器的原始 μ 上训练的逻辑回归（不做标准化，因此未使用的潜在维度保持很小），使用每类 K 个标签训练，并在目标测试划分上评分。&lt;br&gt;</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="302"/>
        <source>Fine-tuned classifier, %1: the adapted encoder with a linear head, trained end to end on the same labels.&lt;/p&gt;</source>
        <translation>微调分类器，%1：适应后的编码器加一个线性分类头，在相同标签上端到端训练。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="306"/>
        <source>&lt;p&gt;&lt;b&gt;Baselines&lt;/b&gt;&lt;br&gt;Unadapted encoder, probe %1, k-NN %2: the same classifiers on the source encoder&apos;s μ before any adaptation.&lt;br&gt;Classifier from scratch, %3: the same encoder architecture with random weights, trained end to end on the same labels; a strategy that does not beat it did not transfer anything useful for classification.&lt;br&gt;Raw pixels, probe %4, k-NN %5: the same classifiers on the 784 pixels themselves (the probe on standardised pixels); features that do not beat them add nothing over the pixels.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;基线&lt;/b&gt;&lt;br&gt;未适应的编码器，探针 %1，k-NN %2：在任何适应之前，对源编码器的 μ 使用相同的分类器。&lt;br&gt;从零训练的分类器，%3：相同的编码器架构，随机初始化权重，在相同标签上端到端训练；不能超过它的策略，没有为分类迁移任何有用的东西。&lt;br&gt;原始像素，探针 %4，k-NN %5：直接在 784 个像素上使用相同的分类器（探针使用标准化后的像素）；不能超过它们的特征，相比像素本身没有任何增益。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="362"/>
        <location filename="../ui/transferresultspage.cpp" line="370"/>
        <location filename="../ui/transferresultspage.cpp" line="372"/>
        <source>Save adapted model</source>
        <translation>保存适应后的模型</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="363"/>
        <source>Checkpoints (*.ckpt)</source>
        <translation>检查点 (*.ckpt)</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="381"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="382"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="383"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="385"/>
        <location filename="../ui/transferresultspage.cpp" line="398"/>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="392"/>
        <source>Could not write %1. Check that the folder exists and is writable.</source>
        <translation>无法写入 %1。请检查该文件夹是否存在且可写。</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="114"/>
        <source>k-NN
on μ</source>
        <translation>基于 μ 的
k-NN</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="171"/>
        <location filename="../ui/transferresultspage.cpp" line="222"/>
        <source>k-NN</source>
        <translation>k-NN</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="301"/>
        <source>k-NN, %1: each test image takes the label of its nearest labelled image in μ.&lt;br&gt;</source>
        <translation>k-NN，%1：每张测试图像取 μ 空间中离它最近的带标签图像的标签。&lt;br&gt;</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="277"/>
        <source>Its own classifier q(y|x), %1: a VAE with a classifier (Kingma et al.&apos;s M2) trained from scratch on the unlabelled target images and the same K labels per class, scored on the target test split.&lt;br&gt;</source>
        <translation>自带的分类器 q(y|x)，%1：一个带分类器的 VAE（Kingma 等人的 M2），在无标签目标图像和相同的每类 K 个标签上从零训练，并在目标测试划分上评分。&lt;br&gt;</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="281"/>
        <source>Target −ELBO after, %1 nats: its bound on the target test images, the label marginalised out.</source>
        <translation>训练后目标 −ELBO，%1 奈特：它在目标测试图像上的界，标签已被边缘化。</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="210"/>
        <source>k-NN on μ</source>
        <translation>基于 μ 的 k-NN</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="214"/>
        <source>own classifier</source>
        <translation>自带分类器</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="212"/>
        <source>linear probe on μ</source>
        <translation>基于 μ 的线性探针</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="216"/>
        <source>&lt;p&gt;&lt;b&gt;Answer: on half of the test images, the best VAE figure, %1&apos;s %2 (%3), is %4 points above the raw pixels&apos; %5 (%6).&lt;/b&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;结论：在一半测试图像上，VAE 的最佳结果是 %1 的%2（%3），比原始像素的%5（%6）高 %4 个百分点。&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="218"/>
        <source>&lt;p&gt;&lt;b&gt;Answer: on half of the test images, the best VAE figure, %1&apos;s %2 (%3), is %4 points below the raw pixels&apos; %5 (%6): here the VAE adds nothing over the pixels.&lt;/b&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;结论：在一半测试图像上，VAE 的最佳结果是 %1 的%2（%3），比原始像素的%5（%6）低 %4 个百分点：在这里 VAE 没有比像素带来任何提升。&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="225"/>
        <source>On the same %1 label draws the difference is %2 ± %3 points (95 % interval), which includes 0: more draws would be needed to tell them apart.</source>
        <translation>在相同的 %1 次标签抽取上，差异为 %2 ± %3 个百分点（95% 置信区间），区间包含 0：需要更多次抽取才能区分二者。</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="227"/>
        <source>On the same %1 label draws the difference is %2 ± %3 points (95 % interval): not a matter of which labels were drawn.</source>
        <translation>在相同的 %1 次标签抽取上，差异为 %2 ± %3 个百分点（95% 置信区间）：并非取决于抽到了哪些标签。</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="233"/>
        <source>These figures are on half of the %1 test images (%2 images): the best of %3 VAE figures and the better pixel classifier were chosen on the other half, so chance does not favour them. The table and the chart use every test image.</source>
        <translation>这些数值来自 %1 张测试图像中的一半（%2 张）：%3 个 VAE 数值中最好的一个和更好的像素分类器都是在另一半上选出的，因此偶然因素不会偏向它们。表格和图表使用全部测试图像。</translation>
    </message>
    <message>
        <location filename="../ui/transferresultspage.cpp" line="186"/>
        <source>raw pixels (to beat)</source>
        <translation>原始像素（需超越）</translation>
    </message>
    <message>
        <source>Source −ELBO after, %1 nats: how well a model that never saw the source explains its test images (the source model&apos;s own: %2); a strategy whose figure comes near it or above it has forgotten the source as much as a model that never saw it.&lt;br&gt;</source>
        <translation>适应后源 −ELBO，%1 奈特：一个从未见过源数据的模型对源测试图像的解释程度（源模型自身为 %2）；某个策略的数值若接近甚至高于它，说明它对源数据的遗忘与从未见过源数据的模型相当。&lt;br&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Kept, so that closing the wizard loses nothing: the model the answer names (%1) is a row of the Runs panel (double-click it to open the model), and this report is saved beside it as %2.&lt;/p&gt;</source>
        <translation>&lt;p&gt;已保留，关闭向导不会丢失任何内容：结论所指的模型（%1）已成为“运行记录”面板中的一行（双击即可打开该模型），本报告保存在它旁边：%2。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;This run&apos;s model and report could not be kept (%1): save what you need from here before closing the wizard.&lt;/p&gt;</source>
        <translation>&lt;p&gt;无法保留此次运行的模型和报告（%1）：请在关闭向导前从这里保存所需内容。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The semi-supervised strategy trains its own model on %1 from scratch, not from the source model: this figure is what %1&apos;s unlabelled images and labels give, not what transfer from %2 gives (the table&apos;s other rows are the adapted models&apos;).</source>
        <translation>半监督策略在 %1 上从头训练自己的模型，并非从源模型开始：这个数值体现的是 %1 的无标签图像和标签带来的效果，而不是从 %2 迁移带来的效果（表中其他行才是迁移后的模型）。</translation>
    </message>
    <message>
        <source>&lt;br&gt;The model you save or explore is label draw 1&apos;s of %1: its accuracy is %2 (the figure above is the mean over the draws).</source>
        <translation>&lt;br&gt;保存或探索的模型是 %1 次标签抽取中第 1 次的模型：其准确率为 %2（上面的数值是各次抽取的平均）。</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The run was stopped&lt;/b&gt; after %1 of %2 strategies: the answer is among those that finished. Not run: %3.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;运行已停止&lt;/b&gt;：%2 个策略中完成了 %1 个，结论只在已完成的策略中选出。未运行：%3。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>TransferRunPage</name>
    <message>
        <location filename="../ui/transferrunpages.cpp" line="33"/>
        <source>Show results</source>
        <translation>查看结果</translation>
    </message>
    <message>
        <location filename="../ui/transferrunpages.cpp" line="30"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../ui/transferrunpages.cpp" line="59"/>
        <source>Target test −ELBO after each epoch, on the first %1 test images (the semi-supervised strategy: its bound on all of them); lower is better.</source>
        <translation>每轮结束后的目标测试 −ELBO，基于前 %1 张测试图像（半监督策略：其界基于全部测试图像）；越低越好。</translation>
    </message>
    <message>
        <location filename="../ui/transferrunpages.cpp" line="63"/>
        <source>Target test −ELBO after each epoch, on the first %1 test images; lower is better.</source>
        <translation>每轮结束后的目标测试 −ELBO，基于前 %1 张测试图像；越低越好。</translation>
    </message>
    <message>
        <location filename="../ui/transferrunpages.cpp" line="38"/>
        <source>Cancel run</source>
        <translation>取消运行</translation>
    </message>
    <message>
        <location filename="../ui/transferrunpages.cpp" line="48"/>
        <source>Stopping after the current batch…</source>
        <translation>将在当前批次后停止…</translation>
    </message>
    <message>
        <location filename="../ui/transferrunpages.cpp" line="65"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../ui/transferrunpages.cpp" line="88"/>
        <source>%1 — about %2 left</source>
        <translation>%1——大约还剩 %2</translation>
    </message>
    <message>
        <location filename="../ui/transferrunpages.cpp" line="109"/>
        <source>Stopped before any strategy finished.</source>
        <translation>在任何策略完成之前已停止。</translation>
    </message>
    <message>
        <location filename="../ui/transferrunpages.cpp" line="110"/>
        <source>Stopped; the results show the strategies that finished.</source>
        <translation>已停止；结果显示已完成的策略。</translation>
    </message>
    <message>
        <location filename="../ui/transferrunpages.cpp" line="113"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
</context>
<context>
    <name>TransferRunner</name>
    <message>
        <location filename="../core/transfer/transferrunner.cpp" line="55"/>
        <source>Choose at least one strategy.</source>
        <translation>请至少选择一种策略。</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferrunner.cpp" line="57"/>
        <source>Labels per class must be 1 or more.</source>
        <translation>每类标签数必须至少为 1。</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferrunner.cpp" line="61"/>
        <source>Epochs, batch size and learning rate must be positive.</source>
        <translation>轮数、批大小和学习率必须为正数。</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferrunner.cpp" line="299"/>
        <source>Stopped; the report holds the strategies that finished.</source>
        <translation>已停止；报告中包含已完成的策略。</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferrunner.cpp" line="114"/>
        <source>The target dataset needs labels for the downstream task.</source>
        <translation>目标数据集需要带标签，才能用于下游任务。</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferrunner.cpp" line="127"/>
        <source>The target dataset needs two classes or more with labelled training images.</source>
        <translation>目标数据集需要至少两个含带标签训练图像的类别。</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferrunner.cpp" line="249"/>
        <source>Baselines: raw-pixel probe and k-NN</source>
        <translation>基线：原始像素探针和 k-NN</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferrunner.cpp" line="268"/>
        <source>Baselines: classifier from scratch</source>
        <translation>基线：从零训练的分类器</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferrunner.cpp" line="275"/>
        <source>Baselines done</source>
        <translation>基线已完成</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferstrategyrun.cpp" line="211"/>
        <source>%1: adapting the VAE</source>
        <translation>%1：正在适应 VAE</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferstrategyrun.cpp" line="171"/>
        <location filename="../core/transfer/transferstrategyrun.cpp" line="188"/>
        <location filename="../core/transfer/transferstrategyrun.cpp" line="195"/>
        <location filename="../core/transfer/transferstrategyrun.cpp" line="230"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferstrategyrun.cpp" line="117"/>
        <source>%1: measuring</source>
        <translation>%1：正在评估</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferrunner.cpp" line="103"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferrunner.cpp" line="105"/>
        <source>Transfer finished in %1 s.</source>
        <translation>迁移完成，用时 %1 秒。</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferrunner.cpp" line="59"/>
        <source>The number of label draws must be 1 or more.</source>
        <translation>标签抽取次数必须至少为 1。</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferrunner.cpp" line="253"/>
        <source>The raw-pixel probe failed.</source>
        <translation>原始像素探针失败。</translation>
    </message>
    <message>
        <location filename="../core/transfer/transferstrategyrun.cpp" line="143"/>
        <source>%1: training</source>
        <translation>%1：训练中</translation>
    </message>
</context>
<context>
    <name>TransferSourcePage</name>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="42"/>
        <source>not evaluated</source>
        <translation>未评估</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="43"/>
        <source>%1 nats</source>
        <translation>%1 奈特</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="44"/>
        <source>&lt;b&gt;Architecture:&lt;/b&gt; %1&lt;br&gt;&lt;b&gt;Dataset:&lt;/b&gt; %2%3&lt;br&gt;&lt;b&gt;Epochs:&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;Test −ELBO:&lt;/b&gt; %5</source>
        <translation>&lt;b&gt;架构：&lt;/b&gt;%1&lt;br&gt;&lt;b&gt;数据集：&lt;/b&gt;%2%3&lt;br&gt;&lt;b&gt;轮数：&lt;/b&gt;%4&lt;br&gt;&lt;b&gt;测试 −ELBO：&lt;/b&gt;%5</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="49"/>
        <source> (classes %1)</source>
        <translation>（类别 %1）</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="61"/>
        <source>Source model</source>
        <translation>源模型</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="62"/>
        <source>The VAE whose knowledge is transferred: the explorer&apos;s current model or a saved checkpoint.</source>
        <translation>要迁移其知识的 VAE：探索器的当前模型，或已保存的检查点。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="63"/>
        <source>The current model</source>
        <translation>当前模型</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="64"/>
        <source>A checkpoint file:</source>
        <translation>检查点文件：</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="67"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="104"/>
        <source>No model chosen yet.</source>
        <translation>尚未选择模型。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="105"/>
        <source>No model chosen yet. The explorer has none: choose a checkpoint file, or cancel and train one first (Start, F5, in the main window).</source>
        <translation>尚未选择模型。探索器中还没有模型：请选择一个检查点文件，或取消后先在主窗口中训练一个（开始，F5）。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="128"/>
        <source>Source dataset</source>
        <translation>源数据集</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="129"/>
        <source>The source dataset could not be loaded (%1), so forgetting on the source domain will not be measured.</source>
        <translation>无法加载源数据集（%1），因此不会测量在源领域上的遗忘。</translation>
    </message>
</context>
<context>
    <name>TransferStrategyPage</name>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="283"/>
        <source>Start adapting</source>
        <translation>开始适应</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="280"/>
        <source>Strategies</source>
        <translation>策略</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="281"/>
        <source>Each chosen strategy trains its own copy of the VAE on the unlabelled target images.</source>
        <translation>每种选中的策略都会在无标签目标图像上训练各自的 VAE 副本。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="288"/>
        <source>finetune-all: every weight adapts to the target.</source>
        <translation>全部微调（finetune-all）：所有权重都适应目标。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="289"/>
        <source>freeze-encoder: the encoder stays as it was; only the decoder trains.</source>
        <translation>冻结编码器（freeze-encoder）：编码器保持不变，只训练解码器。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="290"/>
        <source>freeze-decoder: the decoder stays as it was; only the encoder adapts.</source>
        <translation>冻结解码器（freeze-decoder）：解码器保持不变，只适应编码器。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="292"/>
        <source>scratch: the same architecture from random weights (the no-transfer baseline).</source>
        <translation>从头训练（scratch）：相同架构、随机初始化权重（无迁移基线）。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="317"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="318"/>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="355"/>
        <source>Expected time: under a minute</source>
        <translation>预计用时：不到一分钟</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="356"/>
        <source>Expected time: about %1 min</source>
        <translation>预计用时：约 %1 分钟</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="359"/>
        <source>, %1 min of them for semi-supervised (it trains once per label draw)</source>
        <translation>，其中约 %1 分钟用于半监督（它对每次标签抽取训练一次）</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="367"/>
        <source>, most of it for semi-supervised (it trains once per label draw)</source>
        <translation>，大部分用于半监督（它对每次标签抽取训练一次）</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="360"/>
        <source> — timed on this computer; longer while it is busy.</source>
        <translation>——按本机实测；机器繁忙时会更久。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="294"/>
        <source>semi-supervised: a VAE with its own classifier (Kingma M2) trained on the unlabelled images and the K labels, once per label draw.</source>
        <translation>半监督（semi-supervised）：带自身分类器的 VAE（Kingma M2），在无标签图像和 K 个标签上训练，每次标签抽取训练一次。</translation>
    </message>
</context>
<context>
    <name>TransferTargetPage</name>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="140"/>
        <source>Target data</source>
        <translation>目标数据</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="142"/>
        <source>The new domain: its unlabelled images adapt the VAE, and K labels per class train the classifiers.</source>
        <translation>新领域：其无标签图像用于适应 VAE，每类 K 个标签用于训练分类器。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="152"/>
        <source>IDX or image folder…</source>
        <translation>IDX 或图像文件夹…</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="153"/>
        <source>IDX file…</source>
        <translation>IDX 文件…</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="161"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="176"/>
        <source>Unlabelled images to adapt on:</source>
        <translation>用于适应的无标签图像数：</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="177"/>
        <source>Labels per class (K):</source>
        <translation>每类标签数 (K)：</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="186"/>
        <source>Target dataset folder</source>
        <translation>目标数据集文件夹</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="191"/>
        <source>Target IDX image file</source>
        <translation>目标 IDX 图像文件</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="192"/>
        <source>IDX files (*-ubyte *.idx *.gz);;All files (*)</source>
        <translation>IDX 文件 (*-ubyte *.idx *.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="229"/>
        <source>%1 has no labels; the downstream task needs them.</source>
        <translation>%1 没有标签；下游任务需要标签。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="239"/>
        <source>%1: %2 training and %3 test images, %4 classes.</source>
        <translation>%1：%2 张训练图像和 %3 张测试图像，%4 个类别。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="245"/>
        <source>The source model was trained on this dataset: a transfer needs another domain to show what carries over.</source>
        <translation>源模型就是在这个数据集上训练的：迁移需要另一个领域，才能看出哪些知识得以保留。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="178"/>
        <source>Label draws:</source>
        <translation>标签抽取次数：</translation>
    </message>
    <message>
        <location filename="../ui/transferwizardpages.cpp" line="169"/>
        <source>Every classifier is trained once per draw of the K labels; the results show the mean accuracy with its 95 % interval.</source>
        <translation>每个分类器对 K 个标签的每次抽取各训练一次；结果显示平均准确率及其 95% 置信区间。</translation>
    </message>
</context>
<context>
    <name>TransferWizard</name>
    <message>
        <location filename="../ui/transferwizard.cpp" line="42"/>
        <source>Going back stops the run.</source>
        <translation>返回上一步会停止运行。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizard.cpp" line="44"/>
        <source>The strategies it has not finished are lost; the settings stay as they are.</source>
        <translation>尚未完成的策略结果将会丢失；设置保持不变。</translation>
    </message>
    <message>
        <location filename="../ui/transferwizard.cpp" line="45"/>
        <source>Stop and Go Back</source>
        <translation>停止并返回</translation>
    </message>
    <message>
        <location filename="../ui/transferwizard.cpp" line="16"/>
        <source>Transfer to another dataset</source>
        <translation>迁移到其他数据集</translation>
    </message>
    <message>
        <source>finetune-all</source>
        <translation>全部微调</translation>
    </message>
    <message>
        <source>freeze-encoder</source>
        <translation>冻结编码器</translation>
    </message>
    <message>
        <source>freeze-decoder</source>
        <translation>冻结解码器</translation>
    </message>
    <message>
        <source>scratch</source>
        <translation>从头训练</translation>
    </message>
    <message>
        <source>semi-supervised</source>
        <translation>半监督</translation>
    </message>
    <message>
        <source>Closing the wizard stops the run.</source>
        <translation>关闭向导会停止运行。</translation>
    </message>
    <message>
        <source>Stop and Close</source>
        <translation>停止并关闭</translation>
    </message>
</context>
<context>
    <name>UserGuide</name>
    <message>
        <location filename="../ui/userguide.cpp" line="14"/>
        <source>Latent Explorer User Guide</source>
        <translation>潜空间探索器用户指南</translation>
    </message>
    <message>
        <location filename="../ui/userguide.cpp" line="28"/>
        <source>&lt;h3&gt;The panels&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Training&lt;/b&gt;: the dataset, the model and its settings (hover a field for what it does), Start, Pause, Stop. &lt;b&gt;Latent health&lt;/b&gt;: KL per latent dimension; near 0 nats a dimension is unused. &lt;b&gt;ELBO&lt;/b&gt;: the loss terms per batch and, as diamonds, per epoch on the test set; hover the diamonds for that epoch&apos;s figures; a new model&apos;s run draws the run before it grey and dashed; drag, zoom with the wheel, double-click to fit. &lt;b&gt;Latent map&lt;/b&gt;: the test images&apos; latent means on two principal components; click one to load it into the sliders. &lt;b&gt;Interpolation and manifold&lt;/b&gt;: images decoded between two endpoints and over a grid. &lt;b&gt;Runs&lt;/b&gt;: every ended run&apos;s settings and last figures, one row each (a transfer&apos;s: the model its answer names), kept between sessions. &lt;b&gt;Reconstructions&lt;/b&gt;: test images and the model&apos;s versions. &lt;b&gt;Latent sliders&lt;/b&gt;: one per dimension, sorted by KL. &lt;b&gt;Draw to encode&lt;/b&gt;: draw a digit; on release it is encoded. View ▸ Reset Layout brings back the designed arrangement.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;各个面板&lt;/h3&gt;&lt;p&gt;&lt;b&gt;训练&lt;/b&gt;：数据集、模型及其设置（鼠标悬停在字段上可查看说明），开始、暂停、停止。&lt;b&gt;潜变量健康度&lt;/b&gt;：每个潜变量维度的 KL；接近 0 奈特的维度未被使用。&lt;b&gt;ELBO&lt;/b&gt;：每个批次的损失项，以及每轮在测试集上的结果（菱形）；鼠标悬停在菱形上可查看该轮的各项数值；新模型的训练会以灰色虚线画出上一次运行；可拖动，滚轮缩放，双击适应全部。&lt;b&gt;潜空间图&lt;/b&gt;：测试图像的潜变量均值在两个主成分上的投影；点击某点可将其载入滑块。&lt;b&gt;插值与流形&lt;/b&gt;：在两个端点之间以及在网格上解码的图像。&lt;b&gt;运行记录&lt;/b&gt;：每次结束的训练的设置和最后的结果，每次一行（迁移的一行是其结论所指的模型），下次启动时仍然保留。&lt;b&gt;重构&lt;/b&gt;：测试图像及模型的重构结果。&lt;b&gt;潜变量滑块&lt;/b&gt;：每个维度一个，按 KL 排序。&lt;b&gt;绘图编码&lt;/b&gt;：画一个数字，松开鼠标时进行编码。视图 ▸ 重置布局可恢复默认排列。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/userguide.cpp" line="42"/>
        <source>&lt;h3&gt;Three journeys&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Watch a model train&lt;/b&gt;: choose a dataset, press F5, save with Ctrl+S. To train on from a checkpoint, open it and press F5 with “Continue from checkpoint” ticked.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Drag the sliders&lt;/b&gt; of a trained or opened model and watch the decoded image; “Sample prior”, a click on the map or a test index load other latents.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Fine-tune on a new dataset&lt;/b&gt;: Tools ▸ Transfer to Another Dataset… compares the strategies; Tools ▸ Few-Shot Learning… measures classification from a few examples per class.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;h3&gt;三种用法&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;观看模型训练&lt;/b&gt;：选择数据集，按 F5，用 Ctrl+S 保存。要从检查点继续训练，打开它并在勾选“从检查点继续”时按 F5。&lt;/li&gt;&lt;li&gt;&lt;b&gt;拖动滑块&lt;/b&gt;：对已训练或已打开的模型拖动滑块，观察解码图像；“从先验采样”、点击潜空间图或输入测试图像序号可载入其他潜变量。&lt;/li&gt;&lt;li&gt;&lt;b&gt;在新数据集上微调&lt;/b&gt;：工具 ▸ 迁移到其他数据集… 比较各种策略；工具 ▸ 小样本学习… 衡量每类只有少量样本时的分类效果。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location filename="../ui/userguide.cpp" line="57"/>
        <source>&lt;h3&gt;Keyboard shortcuts&lt;/h3&gt;&lt;p&gt;F5 start · F6 pause or resume · Shift+F5 stop · Ctrl+O open a checkpoint · Ctrl+Shift+O open a dataset folder · Ctrl+S save the checkpoint · Ctrl+Q quit · F1 this guide&lt;/p&gt;</source>
        <translation>&lt;h3&gt;键盘快捷键&lt;/h3&gt;&lt;p&gt;F5 开始 · F6 暂停或恢复 · Shift+F5 停止 · Ctrl+O 打开检查点 · Ctrl+Shift+O 打开数据集文件夹 · Ctrl+S 保存检查点 · Ctrl+Q 退出 · F1 本指南&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/userguide.cpp" line="61"/>
        <source>&lt;h3&gt;Where things are kept&lt;/h3&gt;&lt;p&gt;Settings: %1&lt;br&gt;Autosaves (one file per run, the newest five kept; offered back at start when newer than your last save): %2&lt;br&gt;Checkpoints: wherever you save them; File ▸ Recent Files lists them.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;文件保存位置&lt;/h3&gt;&lt;p&gt;设置：%1&lt;br&gt;自动保存（每次训练一个文件，保留最新的五个；启动时若比你上次保存的更新，会提示恢复）：%2&lt;br&gt;检查点：保存在你选择的位置；文件 ▸ 最近的文件 中会列出。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/userguide.cpp" line="49"/>
        <source>&lt;h3&gt;Learning from few labels&lt;/h3&gt;&lt;p&gt;Set &lt;b&gt;Labels per class&lt;/b&gt; in the Training panel to K (or All) and press F5: the semi-supervised VAE trains a classifier beside the VAE from K labelled images per class, using every other image without its label. The ELBO plot adds the classifier&apos;s test accuracy on its right axis, and the &lt;b&gt;Classifier&lt;/b&gt; panel (a tab beside the latent map) shows which classes it takes for which: its confusion matrix on the test images and its most frequent mistakes. The latent sliders get a class chooser and a row with the sliders&apos; z decoded under every class; click a digit to choose its class. The transfer wizard&apos;s strategy “semi-supervised” does the same on the target dataset.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;从少量标签中学习&lt;/h3&gt;&lt;p&gt;在训练面板中把&lt;b&gt;每类标签数&lt;/b&gt;设为 K（或全部），然后按 F5：半监督 VAE 会在 VAE 旁训练一个分类器，使用每类 K 张有标签的图像，其余图像都不带标签使用。ELBO 图在右侧坐标轴上加入分类器的测试准确率，&lt;b&gt;分类器&lt;/b&gt;面板（潜空间图旁的标签页）显示它把哪些类别认作哪些：测试图像上的混淆矩阵和最常见的错误。潜变量滑块面板多出一个类别选择器，以及一行用滑块的 z 在每个类别下解码出的图像；点击其中一个数字即可选择该类别。迁移向导中的“semi-supervised”（半监督）策略在目标数据集上做同样的事。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Vae</name>
    <message>
        <location filename="../core/model/vae.cpp" line="252"/>
        <source>The weights hold %1 values but this architecture needs %2.</source>
        <translation>权重包含 %1 个值，但该架构需要 %2 个。</translation>
    </message>
    <message>
        <location filename="../core/model/vae.cpp" line="257"/>
        <source>The weights contain NaN or infinite values.</source>
        <translation>权重包含 NaN 或无穷大的值。</translation>
    </message>
</context>
<context>
    <name>VaeFinetune</name>
    <message>
        <location filename="../core/transfer/vaefinetune.cpp" line="70"/>
        <source>There are no images to train on.</source>
        <translation>没有可用于训练的图像。</translation>
    </message>
    <message>
        <location filename="../core/transfer/vaefinetune.cpp" line="72"/>
        <source>Epochs, batch size and learning rate must be positive.</source>
        <translation>轮数、批大小和学习率必须为正数。</translation>
    </message>
    <message>
        <location filename="../core/transfer/vaefinetune.cpp" line="102"/>
        <source>The weights became NaN or infinite; try a smaller learning rate.</source>
        <translation>权重变为 NaN 或无穷大；请尝试更小的学习率。</translation>
    </message>
    <message>
        <location filename="../core/transfer/vaefinetune.cpp" line="108"/>
        <source>Fine-tuning failed inside LibTorch: %1</source>
        <translation>微调在 LibTorch 内部失败：%1</translation>
    </message>
</context>
<context>
    <name>RateSpinBox</name>
    <message>
        <source>Type it as 0.001 or 1e-3</source>
        <translation>可输入 0.001 或 1e-3</translation>
    </message>
</context>
</TS>

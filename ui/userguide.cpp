#include "userguide.h"

#include "autosaves.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QSettings>
#include <QTextBrowser>
#include <QVBoxLayout>

UserGuide::UserGuide(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Latent Explorer User Guide"));
    auto *text = new QTextBrowser(this);
    text->setObjectName(QStringLiteral("guideText"));
    text->setHtml(html());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
    resize(640, 600); // fits a 1366×768 screen with room for the panel
}

QString UserGuide::html()
{
    const QString panels = tr(
        "<h3>The panels</h3><p><b>Training</b>: the dataset, the model and its settings (hover a field for what it "
        "does), Start, Pause, Stop. <b>Latent health</b>: KL per latent dimension; near 0 nats a dimension is "
        "unused. <b>ELBO</b>: the loss terms per batch and, as diamonds, per epoch on the test set; hover the "
        "diamonds for that epoch's figures; a new model's run draws the run before it grey and dashed; drag, zoom with "
        "the wheel, double-click to fit. <b>Latent map</b>: the "
        "test images' latent means on two principal "
        "components; click one to load it into the sliders. <b>Interpolation and manifold</b>: images decoded "
        "between two endpoints and over a grid. <b>Runs</b>: every ended run's settings and last figures, one row "
        "each (a transfer's: the model its answer names), "
        "kept between sessions. <b>Reconstructions</b>: test images and the model's versions. "
        "<b>Latent sliders</b>: one per dimension, sorted by KL. <b>Draw to encode</b>: draw a digit; on release "
        "it is encoded. View ▸ Reset Layout brings back the designed arrangement.</p>");
    const QString journeys =
        tr("<h3>Three journeys</h3><ol><li><b>Watch a model train</b>: choose a dataset, press F5, save with "
           "Ctrl+S. To train on from a checkpoint, open it and press F5 with “Continue from checkpoint” "
           "ticked.</li><li><b>Drag the sliders</b> of a trained or opened model and watch the decoded image; "
           "“Sample prior”, a click on the map or a test index load other latents.</li><li><b>Fine-tune on a new "
           "dataset</b>: Tools ▸ Transfer to Another Dataset… compares the strategies; Tools ▸ Few-Shot "
           "Learning… measures classification from a few examples per class.</li></ol>");
    const QString fewLabels =
        tr("<h3>Learning from few labels</h3><p>Set <b>Labels per class</b> in the Training panel to K (or All) and "
           "press F5: the semi-supervised VAE trains a classifier beside the VAE from K labelled images per class, "
           "using every other image without its label. The ELBO plot adds the classifier's test accuracy on its "
           "right axis, and the <b>Classifier</b> panel (a tab beside the latent map) shows which classes it takes "
           "for which: its confusion matrix on the test images and its most frequent mistakes. The latent sliders get "
           "a class chooser and a row with the sliders' z decoded under every "
           "class; click a digit to choose its class. The transfer wizard's strategy “semi-supervised” does the same "
           "on the target dataset.</p>");
    const QString keys = tr("<h3>Keyboard shortcuts</h3><p>F5 start · F6 pause or resume · Shift+F5 stop · Ctrl+O "
                            "open a checkpoint · Ctrl+Shift+O open a dataset folder · Ctrl+S save the checkpoint · "
                            "Ctrl+Q quit · F1 this guide</p>");
    const QString places =
        tr("<h3>Where things are kept</h3><p>Settings: %1<br>Autosaves (one file per run, the newest five kept; "
           "offered back at start when newer than your last save): %2<br>Checkpoints: wherever you save them; File "
           "▸ Recent Files lists them.</p>")
            .arg(QDir::toNativeSeparators(QSettings().fileName()).toHtmlEscaped(),
                 QDir::toNativeSeparators(Autosaves::directory()).toHtmlEscaped());
    return panels + journeys + fewLabels + keys + places;
}

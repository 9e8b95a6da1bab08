"""Latent Explorer's two VAEs as PyTorch modules.

Their parameter names, shapes and arithmetic match the app's LibTorch modules (core/model/layertable.cpp and
core/model/vae.cpp), so a state dict moves between the two either way (`latent-explorer export` / `import`).
docs/pytorch.md documents this file, scripts/train_ddp.py imports it, and tests/interop/tst_pytorchinterop.cpp runs
it against the app's decoder (the same pixels within 1e-5).
"""

import math

import torch
import torch.nn.functional as F
from torch import nn

PIXELS = 28 * 28
GAUSSIAN_SIGMA = 0.1  # the Gaussian likelihood's fixed standard deviation


class MlpVae(nn.Module):
    """784 → hidden → (μ, log σ²) ∈ R^latent × R^latent; latent → hidden → 784 logits."""

    def __init__(self, hidden=512, latent=32):
        super().__init__()
        self.encoder_hidden = nn.Linear(PIXELS, hidden)
        self.encoder_out = nn.Linear(hidden, 2 * latent)  # first half μ, second half log σ²
        self.decoder_hidden = nn.Linear(latent, hidden)
        self.decoder_out = nn.Linear(hidden, PIXELS)

    def encode(self, x):
        h = F.relu(self.encoder_hidden(x.reshape(x.size(0), PIXELS)))
        mu, logvar = self.encoder_out(h).chunk(2, dim=1)
        return mu, logvar

    def decode(self, z):
        return self.decoder_out(F.relu(self.decoder_hidden(z)))  # logits, B × 784

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decode(z), mu, logvar


class ConvVae(nn.Module):
    """Two stride-2 convolutions to 64×7×7, a 256-wide layer, mirrored with transposed convolutions."""

    def __init__(self, latent=32):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=4, stride=2, padding=1)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=4, stride=2, padding=1)
        self.encoder_hidden = nn.Linear(64 * 7 * 7, 256)
        self.encoder_out = nn.Linear(256, 2 * latent)
        self.decoder_hidden = nn.Linear(latent, 256)
        self.decoder_expand = nn.Linear(256, 64 * 7 * 7)
        self.deconv1 = nn.ConvTranspose2d(64, 32, kernel_size=4, stride=2, padding=1)
        self.deconv2 = nn.ConvTranspose2d(32, 1, kernel_size=4, stride=2, padding=1)

    def encode(self, x):
        h = F.relu(self.conv1(x.reshape(x.size(0), 1, 28, 28)))
        h = F.relu(self.conv2(h)).flatten(1)
        h = F.relu(self.encoder_hidden(h))
        mu, logvar = self.encoder_out(h).chunk(2, dim=1)
        return mu, logvar

    def decode(self, z):
        h = F.relu(self.decoder_hidden(z))
        h = F.relu(self.decoder_expand(h)).view(z.size(0), 64, 7, 7)
        h = F.relu(self.deconv1(h))
        return self.deconv2(h).reshape(z.size(0), PIXELS)  # logits, B × 784

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decode(z), mu, logvar


HOG_BINS, HOG_CELL, HOG_CLIP = 9, 4, 0.2
GRADIENT_FEATURES = 6 * 6 * 4 * HOG_BINS  # 1296: blocks of 2 × 2 cells of 4 × 4 pixels, nine orientations


def gradient_histograms(x):
    """Histograms of oriented gradients of B images 28 × 28 in [0, 1] → B × 1296, as core/model/gradientfeatures.cpp.

    Central differences (edges replicated); each pixel's gradient magnitude split between the two nearest of nine
    unsigned orientation bins (the split's weights carry no gradient); summed over 4 × 4-pixel cells; each 2 × 2-cell
    block normalised to unit length, clipped at 0.2 and normalised again (L2-Hys); F.unfold's order.
    """
    img = x.reshape(x.size(0), 1, 28, 28)
    across = F.pad(img, (1, 1, 0, 0), mode="replicate")
    down = F.pad(img, (0, 0, 1, 1), mode="replicate")
    gx = across[..., 2:] - across[..., :-2]
    gy = down[..., 2:, :] - down[..., :-2, :]
    magnitude = torch.sqrt(gx * gx + gy * gy + 1e-12)
    position = torch.remainder(torch.atan2(gy.detach(), gx.detach()), math.pi) * (HOG_BINS / math.pi)
    lower = torch.floor(position)
    upper_weight = position - lower
    lower_bin = lower.long() % HOG_BINS
    per_pixel = torch.zeros(x.size(0), HOG_BINS, 28, 28, dtype=x.dtype)
    per_pixel = per_pixel.scatter_add(1, lower_bin, magnitude * (1 - upper_weight))
    per_pixel = per_pixel.scatter_add(1, (lower_bin + 1) % HOG_BINS, magnitude * upper_weight)
    cells = F.avg_pool2d(per_pixel, HOG_CELL) * HOG_CELL * HOG_CELL
    blocks = F.normalize(F.unfold(cells, 2), dim=1).clamp(max=HOG_CLIP)
    return F.normalize(blocks, dim=1).transpose(1, 2).reshape(x.size(0), GRADIENT_FEATURES)


class SemiSupervisedVae(nn.Module):
    """Kingma et al. 2014's M2, as `latent-explorer train --labels-per-class K|all` trains it (core/model/layertable.cpp).

    classifier q(y|x): 784 → hidden → classes; encoder q(z|x,y): [x, one-hot y] (784 + classes) → hidden → (μ, log σ²);
    decoder p(x|y,z): [z, one-hot y] (latent + classes) → hidden → 784 logits.
    """

    QUARTER_TURNS = 4

    def __init__(self, hidden=512, latent=32, classes=10, conv_classifier=False, classifier_input="pixels"):
        super().__init__()
        self.classes = classes
        self.conv_classifier = conv_classifier
        # "gradients": the MLP classifier reads [gradient_histograms(x), x] (`--classifier-input gradients`)
        self.reads_gradients = classifier_input == "gradients" and not conv_classifier
        self.encoder_hidden = nn.Linear(PIXELS + classes, hidden)
        self.encoder_out = nn.Linear(hidden, 2 * latent)
        self.decoder_hidden = nn.Linear(latent + classes, hidden)
        self.decoder_out = nn.Linear(hidden, PIXELS)
        if conv_classifier:  # `--model conv`: the conv VAE's encoder layout, a logit per (class, quarter turn)
            self.classifier_conv1 = nn.Conv2d(1, 32, kernel_size=4, stride=2, padding=1)
            self.classifier_conv2 = nn.Conv2d(32, 64, kernel_size=4, stride=2, padding=1)
            self.classifier_hidden = nn.Linear(64 * 7 * 7, 256)
            self.classifier_out = nn.Linear(256, classes * self.QUARTER_TURNS)
        else:
            self.classifier_hidden = nn.Linear(PIXELS + (GRADIENT_FEATURES if self.reads_gradients else 0), hidden)
            self.classifier_out = nn.Linear(hidden, classes)

    def classifier_features(self, x):
        """The classifier's last hidden layer (after its ReLU): what the app's few-shot prototypes read."""
        if self.conv_classifier:
            h = F.relu(self.classifier_conv1(x.reshape(x.size(0), 1, 28, 28)))
            return F.relu(self.classifier_hidden(F.relu(self.classifier_conv2(h)).flatten(1)))
        x = x.reshape(x.size(0), PIXELS)
        if self.reads_gradients:
            x = torch.cat([gradient_histograms(x), x], 1)
        return F.relu(self.classifier_hidden(x))

    def classify_turns(self, x):
        """The conv classifier's logits over (class y, k quarter turns) pairs, column y + classes·k."""
        return self.classifier_out(self.classifier_features(x))

    def classify(self, x):
        """Logits of q(y|x), B × classes (the conv classifier's unturned columns)."""
        return self.classify_turns(x)[:, : self.classes]

    def encode(self, x, y=None):
        """μ, log σ² of q(z|x,y); y (B × classes, one-hot or probabilities) defaults to softmax(classify(x))."""
        x = x.reshape(x.size(0), PIXELS)
        y = F.softmax(self.classify(x), 1) if y is None else y
        mu, logvar = self.encoder_out(F.relu(self.encoder_hidden(torch.cat([x, y], 1)))).chunk(2, dim=1)
        return mu, logvar

    def decode(self, z, y=None):
        """Logits of p(x|y,z); y defaults to the uniform label (every class 1/classes), as the app's sliders."""
        y = torch.full((z.size(0), self.classes), 1.0 / self.classes) if y is None else y
        return self.decoder_out(F.relu(self.decoder_hidden(torch.cat([z, y], 1))))

    def forward(self, x):
        y = F.softmax(self.classify(x), 1)
        mu, logvar = self.encode(x, y)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decode(z, y), mu, logvar


def decoder_mean(logits):
    """The mean of p(x|z) for both likelihoods: what the app draws (pixels in [0, 1], 0 = black)."""
    return torch.sigmoid(logits)


def negative_elbo(model, x, likelihood="bernoulli", beta=1.0):
    """−ELBO per sample in nats, as the app reports it: reconstruction NLL summed over the 784 pixels plus β·KL.

    x: B × 1 × 28 × 28 floats in [0, 1] (uint8 / 255, white digit on black, as MNIST and torchvision give them).
    """
    logits, mu, logvar = model(x)
    target = x.reshape(x.size(0), PIXELS)
    if likelihood == "bernoulli":
        recon = F.binary_cross_entropy_with_logits(logits, target, reduction="none").sum(1)
    else:  # Gaussian with fixed σ, including its normalising constant
        log_norm = math.log(GAUSSIAN_SIGMA) + 0.5 * math.log(2 * math.pi)
        recon = (0.5 * ((target - torch.sigmoid(logits)) / GAUSSIAN_SIGMA) ** 2 + log_norm).sum(1)
    kl = 0.5 * (mu.pow(2) + logvar.exp() - 1.0 - logvar).sum(1)
    return (recon + beta * kl).mean()


def load_export(path, architecture="mlp", hidden=None, latent=None):
    """Builds the module that matches a `latent-explorer export` file and loads it (strictly: every name and shape)."""
    state = torch.load(path, map_location="cpu", weights_only=True)  # tensors only: no code runs while loading
    conv_classifier = "classifier_conv1.weight" in state
    classes = state["classifier_out.weight"].shape[0] if "classifier_out.weight" in state else 0
    classes //= SemiSupervisedVae.QUARTER_TURNS if conv_classifier else 1
    latent = latent or state["decoder_hidden.weight"].shape[1] - classes
    if classes:  # the semi-supervised model
        reads = not conv_classifier and state["classifier_hidden.weight"].shape[1] == PIXELS + GRADIENT_FEATURES
        model = SemiSupervisedVae(hidden or state["encoder_hidden.weight"].shape[0], latent, classes, conv_classifier,
                                  "gradients" if reads else "pixels")
    elif architecture == "mlp":
        model = MlpVae(hidden or state["encoder_hidden.weight"].shape[0], latent)
    else:
        model = ConvVae(latent)
    model.load_state_dict(state)
    return model.eval()


def read_idx_images(path):
    """B × 1 × rows × cols floats in [0, 1] from an IDX image file (raw or .gz), scaled by 1/255 as the app does."""
    import gzip

    raw = (gzip.open if str(path).endswith(".gz") else open)(path, "rb").read()
    if int.from_bytes(raw[0:4], "big") != 0x803:
        raise ValueError(f"{path}: not an IDX image file (magic {raw[0:4].hex()})")
    count, rows, cols = (int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(3))
    pixels = torch.frombuffer(bytearray(raw[16 : 16 + count * rows * cols]), dtype=torch.uint8)
    return pixels.reshape(count, 1, rows, cols).float() / 255.0

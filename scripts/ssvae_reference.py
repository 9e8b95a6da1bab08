#!/usr/bin/env python3
"""The semi-supervised VAE (Kingma et al. 2014, M2) in PyTorch: the reference `bench --semi` times the app against.

Same model and loss as core/model (docs/pytorch.md, class SemiSupervisedVae in scripts/le_models.py):
  classifier q(y|x): 784 → H → C;  encoder q(z|x,y): 784+C → H → 2L;  decoder p(x|y,z): L+C → H → 784 (Bernoulli).
  labelled (x, y):  L(x,y) = −log p(x|y,z) + KL(q(z|x,y) ‖ N(0,I)) + log C,  plus α·(−log q(y|x))
  unlabelled x:     U(x) = Σ_y q(y|x)·L(x,y) − H(q(y|x))
  plus, on the unlabelled images, a consistency term λ·KL(q(y|x) ‖ q(y|perturb(x))) (shifts up to `--shift` pixels,
  rotation, zoom and shear of strength `--perturbation`, zero-filled) and virtual adversarial training KL(q(y|x) ‖ q(y|x + r)), |r| = ε, both with q(y|x) held fixed; the
  labelled images are perturbed the same way before the classifier sees them, and entropy minimisation γ·H(q(y|x)) on
  the unlabelled images, and class balance β_c·KL(mean q(y|x) ‖ uniform) over the unlabelled batch. The defaults are the
  app's. `--validation N` holds out N training images and reports the
  accuracy on them instead of the test split (settings are chosen there); `--pseudo τ` tries confident pseudo-labels
  on strongly augmented images (shift + cutout), a route measured and not kept. `--class-sampling τ` estimates
  Σ_y q(y|x)·L(x, y) from the likely classes as the app does by default (0, this script's default, sums over every
  class: Kingma's exact step).
Each step: a batch of unlabelled images (the whole training split) and a batch of labelled ones (K per class).
Prints one JSON line: seconds, images per second, the classifier's test accuracy.
"""
import argparse
import gzip
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from le_models import PIXELS, SemiSupervisedVae  # noqa: E402  (the documented module, docs/pytorch.md)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = {
    "mnist": os.path.join(ROOT, "data", "mnist"),
    "fashion-mnist": "/usr/share/datasets/fashion-mnist",
}


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(dataset, split):
    folder = SOURCES[dataset]
    prefix = "train" if split == "train" else "t10k"
    def find(kind):
        for name in (f"{prefix}-{kind}-idx{3 if kind == 'images' else 1}-ubyte",):
            for ext in ("", ".gz"):
                if os.path.exists(os.path.join(folder, name + ext)):
                    return os.path.join(folder, name + ext)
        raise FileNotFoundError(f"{folder}: no {prefix} {kind}")
    images = torch.from_numpy(read_idx(find("images")).reshape(-1, PIXELS).astype(np.float32) / 255.0)
    labels = torch.from_numpy(read_idx(find("labels")).astype(np.int64))
    return images, labels


def labelled_bound(model, x, y_onehot):
    """L(x, y) per sample, nats: the straightforward way, [x, y] concatenated for every label row."""
    mu, logvar = model.encode(x, y_onehot)
    z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
    logits = model.decode(z, y_onehot)
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
    kl = 0.5 * (mu.square() + logvar.exp() - 1 - logvar).sum(1)
    return recon + kl + math.log(model.classes)


def unlabelled_bound(model, x, logits):
    """U(x) = Σ_y q(y|x) L(x, y) − H(q(y|x)) per sample: every image repeated under every label."""
    b, c = x.size(0), model.classes
    q = F.softmax(logits, 1)
    bounds = labelled_bound(model, x.repeat_interleave(c, 0), torch.eye(c).repeat(b, 1)).view(b, c)
    entropy = -(q * F.log_softmax(logits, 1)).sum(1)
    return (q * bounds).sum(1) - entropy


def sampled_unlabelled_bound(model, x, logits, tau, gen):
    """U(x) with Σ_y q(y|x) L(x, y) estimated from a draw of classes, as the app's `--class-sampling τ`: the most likely
    class always, class y otherwise with p = min(1, q/τ), each weighed q/p; the most likely class's L is a baseline
    (base·(1 − Σ q/p) has expectation zero). Value and gradients are unbiased."""
    b, c = x.size(0), model.classes
    q = F.softmax(logits, 1)
    top = q.detach().argmax(1)
    p = (q.detach() / tau).clamp(max=1.0).scatter(1, top.unsqueeze(1), 1.0)
    rows, classes = (torch.rand(b, c, generator=gen) < p).nonzero(as_tuple=True)
    bounds = labelled_bound(model, x[rows], F.one_hot(classes, c).float())
    w = q[rows, classes] / p[rows, classes]
    base = torch.zeros(b).index_add(0, rows, bounds.detach() * (classes == top[rows]).float())
    weight_sum = torch.zeros(b).index_add(0, rows, w)
    estimate = torch.zeros(b).index_add(0, rows, w * bounds) + base * (1 - weight_sum)
    entropy = -(q * F.log_softmax(logits, 1)).sum(1)
    return estimate - entropy


def shift(x, max_shift, gen):
    """Moves each image by up to max_shift pixels in x and y, zero-filled."""
    if max_shift <= 0:
        return x
    b = x.size(0)
    img = F.pad(x.view(b, 1, 28, 28), [max_shift] * 4)
    dx = torch.randint(0, 2 * max_shift + 1, (b,), generator=gen)
    dy = torch.randint(0, 2 * max_shift + 1, (b,), generator=gen)
    rows = (dy.view(b, 1) + torch.arange(28).view(1, 28))  # b×28
    cols = (dx.view(b, 1) + torch.arange(28).view(1, 28))
    out = img[torch.arange(b).view(b, 1, 1), 0, rows.view(b, 28, 1), cols.view(b, 1, 28)]
    return out.reshape(b, PIXELS)


def perturb(x, max_shift, strength, gen):
    """The app's perturbImages: whole-pixel shifts up to max_shift and, for strength s > 0, rotation up to ±35°·s,
    zoom ±20 %·s and shear 0.3·s per image (bilinear, zero-filled)."""
    if strength <= 0:
        return shift(x, max_shift, gen)
    b = x.size(0)
    angle = (torch.rand(b, generator=gen) * 2 - 1) * math.radians(35 * strength)
    zoom = 1 + (torch.rand(b, generator=gen) * 2 - 1) * 0.2 * strength
    shear = (torch.rand(b, generator=gen) * 2 - 1) * 0.3 * strength
    moves = (torch.randint(0, 2 * max_shift + 1, (b, 2), generator=gen).float() - max_shift) * (2 / 28)
    cos, sin = torch.cos(angle) / zoom, torch.sin(angle) / zoom
    mx, my = moves[:, 0], moves[:, 1]  # A·move: the content moves by whole pixels whatever the linear part A is
    theta = torch.stack([torch.stack([cos, shear - sin, cos * mx + (shear - sin) * my], 1),
                         torch.stack([sin, cos, sin * mx + cos * my], 1)], 1)
    grid = F.affine_grid(theta, (b, 1, 28, 28), align_corners=False)
    return F.grid_sample(x.view(b, 1, 28, 28), grid, align_corners=False).reshape(b, PIXELS)


def cutout(x, size, gen):
    """Zeroes a random size×size square of each image (it may hang over the border)."""
    if size <= 0:
        return x
    b = x.size(0)
    cy = torch.randint(0, 28, (b, 1, 1), generator=gen)
    cx = torch.randint(0, 28, (b, 1, 1), generator=gen)
    r = torch.arange(28).view(1, 28, 1)
    c = torch.arange(28).view(1, 1, 28)
    hole = ((r - cy).abs() <= size // 2) & ((c - cx).abs() <= size // 2)
    return x * (~hole).reshape(b, PIXELS).float()


def draw_labelled(labels, per_class, gen):
    picks = []
    for c in range(int(labels.max()) + 1):
        idx = (labels == c).nonzero().flatten()
        picks.append(idx[torch.randperm(idx.numel(), generator=gen)[:per_class]])
    return torch.cat(picks)


def accuracy(model, images, labels):
    with torch.no_grad():
        return (model.classify(images).argmax(1) == labels).float().mean().item()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dataset", default="fashion-mnist", choices=sorted(SOURCES))
    p.add_argument("--labels-per-class", type=int, default=10)
    p.add_argument("--epochs", type=float, default=1)
    p.add_argument("--hidden", type=int, default=512)
    p.add_argument("--latent", type=int, default=32)
    p.add_argument("--batch", type=int, default=128, help="unlabelled images per step")
    p.add_argument("--labelled-batch", type=int, default=100)
    p.add_argument("--alpha", type=float, default=0.1, help="α/N in Kingma's terms: the mean −log q(y|x) gets α·(labelled count)")
    p.add_argument("--consistency", type=float, default=1.0, help="λ of the consistency term")
    p.add_argument("--perturbation", type=float, default=1.0,
                   help="strength of the classifier's affine perturbation on top of the shifts (0 = shifts only)")
    p.add_argument("--shift", type=int, default=2)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--vat", type=float, default=2.0, help="ε of virtual adversarial training (0 = off)")
    p.add_argument("--augment-labelled", type=int, default=2, help="shift the labelled images by up to this")
    p.add_argument("--save", help="write the trained model's state dict here (latent-explorer import reads it)")
    p.add_argument("--no-generative", action="store_true", help="train the classifier alone (ablation)")
    p.add_argument("--entropy", type=float, default=1.0,
                   help="weight of entropy minimisation on the unlabelled images' q(y|x) (0 = off)")
    p.add_argument("--balance", type=float, default=3.0,
                   help="weight of class balance, KL(the unlabelled batch's mean q(y|x) || uniform) (0 = off)")
    p.add_argument("--pseudo", type=float, default=0.0,
                   help="confidence threshold of pseudo-labels on strongly augmented unlabelled images (0 = off)")
    p.add_argument("--strong-shift", type=int, default=3)
    p.add_argument("--cutout", type=int, default=10)
    p.add_argument("--class-sampling", type=float, default=0.0,
                   help="τ of the app's --class-sampling (estimate Σ_y q(y|x)·L(x, y) from the likely classes); "
                        "0 = every class, Kingma's exact sum")
    p.add_argument("--classifier-input", choices=["pixels", "gradients"], default="pixels",
                   help="what the MLP classifier reads (the app's --classifier-input; its auto is gradients on "
                        "every dataset but mnist)")
    p.add_argument("--validation", type=int, default=0,
                   help="hold out this many training images (drawn with the seed, never labelled or trained on) "
                        "and report the accuracy on them instead of the test split: for choosing settings")
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    train_x, train_y = load(args.dataset, "train")
    test_x, test_y = load(args.dataset, "test")
    if args.validation > 0:
        held = torch.randperm(train_x.size(0), generator=torch.Generator().manual_seed(1000 + args.seed))
        test_x, test_y = train_x[held[:args.validation]], train_y[held[:args.validation]]
        train_x, train_y = train_x[held[args.validation:]], train_y[held[args.validation:]]
    labelled = draw_labelled(train_y, args.labels_per_class, gen)
    lx, ly = train_x[labelled], train_y[labelled]
    model = SemiSupervisedVae(args.hidden, args.latent, int(train_y.max()) + 1,
                              classifier_input=args.classifier_input)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    n = train_x.size(0)
    alpha = args.alpha * lx.size(0)
    steps = int(args.epochs * n / args.batch)
    start = time.perf_counter()
    curve = []
    for step in range(steps):
        if step % (n // args.batch) == 0:
            order = torch.randperm(n, generator=gen)
        at = (step % (n // args.batch)) * args.batch
        x = train_x[order[at:at + args.batch]]
        pick = torch.randint(0, lx.size(0), (args.labelled_batch,), generator=gen)
        xl, yl = lx[pick], ly[pick]
        logits_l = model.classify(perturb(xl, args.augment_labelled, args.perturbation, gen))
        ce = F.cross_entropy(logits_l, yl)
        logits_u = model.classify(x)
        if args.no_generative:
            loss = alpha * ce
        else:
            loss = (labelled_bound(model, xl, F.one_hot(yl, model.classes).float()).mean() + alpha * ce
                    + (sampled_unlabelled_bound(model, x, logits_u, args.class_sampling, gen) if args.class_sampling > 0
                       else unlabelled_bound(model, x, logits_u)).mean())
        if args.consistency > 0:
            target = F.softmax(logits_u.detach(), 1)
            moved = F.log_softmax(model.classify(perturb(x, args.shift, args.perturbation, gen)), 1)
            loss = loss + args.consistency * (target * (torch.log(target + 1e-8) - moved)).sum(1).mean()
        if args.pseudo > 0:
            with torch.no_grad():
                conf, guess = F.softmax(model.classify(shift(x, args.shift, gen)), 1).max(1)
            strong = cutout(shift(x, args.strong_shift, gen), args.cutout, gen)
            ce_u = F.cross_entropy(model.classify(strong), guess, reduction="none")
            loss = loss + (ce_u * (conf >= args.pseudo).float()).mean()
        if args.entropy > 0:
            loss = loss - args.entropy * (F.softmax(logits_u, 1) * F.log_softmax(logits_u, 1)).sum(1).mean()
        if args.balance > 0:  # KL(the batch's mean q(y|x) ‖ uniform)
            mean_q = F.softmax(logits_u, 1).mean(0)
            loss = loss + args.balance * ((mean_q * torch.log(mean_q + 1e-12)).sum() + math.log(model.classes))
        if args.vat > 0:
            target = F.softmax(logits_u.detach(), 1)
            d = torch.randn(x.shape, generator=gen)
            d = (1e-6 * d / d.norm(dim=1, keepdim=True)).requires_grad_()
            adv = F.kl_div(F.log_softmax(model.classify(x + d), 1), target, reduction="batchmean")
            g, = torch.autograd.grad(adv, d)
            r = args.vat * g / (g.norm(dim=1, keepdim=True) + 1e-12)
            vat = F.kl_div(F.log_softmax(model.classify(x + r), 1), target, reduction="batchmean")
            loss = loss + vat
        opt.zero_grad()
        loss.backward()
        opt.step()
        if (step + 1) % (n // args.batch) == 0:
            curve.append(round(accuracy(model, test_x, test_y), 4))
    seconds = time.perf_counter() - start
    if args.save:
        torch.save(model.state_dict(), args.save)
    print(json.dumps({"dataset": args.dataset, "steps": steps, "seconds": round(seconds, 2),
                      "images_per_second": round(steps * args.batch / seconds, 1),
                      ("validation_accuracy" if args.validation > 0 else "test_accuracy"):
                          round(accuracy(model, test_x, test_y), 4), "curve": curve, "entropy": args.entropy, "balance": args.balance, "pseudo": args.pseudo,
                      "consistency": args.consistency, "perturbation": args.perturbation, "hidden": args.hidden,
                      "class_sampling": args.class_sampling,
                      "classifier_input": args.classifier_input}))


if __name__ == "__main__":
    main()

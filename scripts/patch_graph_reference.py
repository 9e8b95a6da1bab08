#!/usr/bin/env python3
"""A route measured for issue 14 and not built into the app: labels spread over a graph of learned patch features.

No VAE. Coates & Ng's single-layer features (2011), learned from the unlabelled training images, then Zhou et al.'s
label spreading (2004) from the K labelled images per class over a k-nearest-neighbour graph of all training images:
  1. 5 × 5 patches, each normalised to zero mean and unit variance (+0.01), ZCA-whitened (ε 0.1); spherical k-means,
     32 centroids, 10 iterations, on 200,000 patches of 20,000 unlabelled training images (drawn with the seed).
  2. An image's features: at each of its 24 × 24 patch positions the "triangle" activation max(0, mean_k d_k − d_k)
     (d_k: distance of the whitened patch to centroid k), averaged over 4 × 4 regions: 32 × 16 = 512 values,
     standardised with the training images' statistics.
  3. A 10-nearest-neighbour graph of the training images (cosine similarity, weights exp(−(1 − s)/mean(1 − s)),
     symmetrised); label spreading, α 0.99, 30 iterations, from the labelled images' one-hot labels.
  4. A test (or held-out) image takes the similarity-weighted vote of its 10 nearest training images' spread labels.
Beside it, in the same run and on the same labels: logistic regressions on the raw pixels (the app's pixel probe's
classifier family) and on the patch features. Prints one JSON line per label draw and a summary with 95 % intervals.
`--validation N` holds N training images out (drawn with 1000 + seed, as ssvae_reference.py) and scores on them.
`--combine PATTERN` also reads, per draw, a semi-supervised VAE that ssvae_reference.py saved with `--save` for the same
seed, split and labels (PATTERN's {seed} is replaced), and scores q(y|x) alone and log vote + γ·log q(y|x)
(`--gamma`, 0.03: chosen on Fashion-MNIST validation splits; on the digits 1 measured best; `auto`, a label-free
entropy match, measured worse than either on both datasets: docs/performance.md, session 20).
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from le_models import load_export  # noqa: E402  (reads ssvae_reference.py --save files too)
from ssvae_reference import draw_labelled, load  # noqa: E402

PATCH, CENTROIDS, POOL = 5, 32, 4


def normalised_patches(x):
    u = F.unfold(x.reshape(-1, 1, 28, 28), PATCH).transpose(1, 2)
    u = u - u.mean(2, keepdim=True)
    return u / torch.sqrt(u.var(2, keepdim=True, unbiased=False) + 0.01)


def learn_dictionary(images, gen):
    u = normalised_patches(images[torch.randint(0, images.size(0), (20000,), generator=gen)])
    pick = torch.randint(0, u.size(1), (u.size(0), 10), generator=gen)
    patches = torch.gather(u, 1, pick[:, :, None].expand(-1, -1, u.size(2))).reshape(-1, u.size(2))
    mean = patches.mean(0)
    eigenvalues, vectors = torch.linalg.eigh(torch.cov((patches - mean).T))
    whitening = vectors @ torch.diag(1 / torch.sqrt(eigenvalues + 0.1)) @ vectors.T
    z = (patches - mean) @ whitening
    centroids = F.normalize(z[torch.randperm(z.size(0), generator=gen)[:CENTROIDS]], dim=1)
    for _ in range(10):
        nearest = (z @ centroids.T).argmax(1)
        sums = torch.zeros(CENTROIDS, z.size(1)).index_add_(0, nearest, z)
        empty = torch.bincount(nearest, minlength=CENTROIDS) == 0
        sums[empty] = z[torch.randint(0, z.size(0), (int(empty.sum()),), generator=gen)]
        centroids = F.normalize(sums, dim=1)
    return mean, whitening, centroids


def patch_features(images, dictionary):
    mean, whitening, centroids = dictionary
    out = []
    for start in range(0, images.size(0), 5000):
        z = (normalised_patches(images[start:start + 5000]) - mean) @ whitening
        distance = torch.sqrt(((z * z).sum(2, keepdim=True) - 2 * z @ centroids.T + 1).clamp(min=1e-6))
        active = F.relu(distance.mean(2, keepdim=True) - distance)
        side = 28 - PATCH + 1
        active = active.transpose(1, 2).reshape(-1, CENTROIDS, side, side)
        out.append(F.adaptive_avg_pool2d(active, POOL).flatten(1))
    return torch.cat(out)


def nearest(queries, base, k, exclude_self=False):
    queries, base = F.normalize(queries, dim=1), F.normalize(base, dim=1)
    values, indices = [], []
    for start in range(0, queries.size(0), 2048):
        similarity = queries[start:start + 2048] @ base.T
        if exclude_self:
            rows = torch.arange(similarity.size(0))
            similarity[rows, rows + start] = -1
        v, i = similarity.topk(k, dim=1)
        values.append(v)
        indices.append(i)
    values = torch.cat(values)
    return torch.exp(-(1 - values) / (1 - values).mean()), torch.cat(indices)


def spread_labels(features, labelled, labels, classes, k=10, alpha=0.99, iterations=30):
    n = features.size(0)
    weights, neighbours = nearest(features, features, k, exclude_self=True)
    rows = torch.arange(n).repeat_interleave(k)
    graph = torch.sparse_coo_tensor(torch.stack([rows, neighbours.flatten()]), weights.flatten(), (n, n))
    graph = (graph + graph.t()).coalesce()
    scale = torch.sparse.sum(graph, 1).to_dense().clamp(min=1e-12).rsqrt()[:, None]
    seeds = torch.zeros(n, classes)
    seeds[labelled, labels] = 1
    spread = seeds.clone()
    for _ in range(iterations):
        spread = alpha * scale * torch.sparse.mm(graph, scale * spread) + (1 - alpha) * seeds
    return spread / spread.sum(1, keepdim=True).clamp(min=1e-12)


def logistic_regression(train, labels, test, classes, decay=1e-3):
    mean, std = train.mean(0), train.std(0) + 1e-6
    a, b = (train - mean) / std, (test - mean) / std
    w = torch.zeros(a.size(1), classes, requires_grad=True)
    bias = torch.zeros(classes, requires_grad=True)
    opt = torch.optim.LBFGS([w, bias], max_iter=300, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(a @ w + bias, labels) + decay * (w * w).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return (b @ w + bias).argmax(1)


def log_q(model, images):
    return torch.cat([F.log_softmax(model.classify(images[s:s + 5000]), 1) for s in range(0, images.size(0), 5000)])


def entropy_matched_gamma(spread, q_log):
    """γ for which softmax(γ·log q(y|x)) is on average as uncertain as the spread labels over the training images:
    a weight that needs no held-out label (bisection on the mean entropy, which falls as γ grows)."""
    def mean_entropy(p):
        return -(p * torch.log(p + 1e-12)).sum(1).mean().item()
    target = mean_entropy(spread)
    low, high = 1e-4, 10.0
    for _ in range(40):
        mid = math.sqrt(low * high)
        if mean_entropy(F.softmax(mid * q_log, 1)) > target:
            low = mid
        else:
            high = mid
    return math.sqrt(low * high)


def interval(values):
    """Mean and the half-width of its 95 % t-interval (two-sided; up to 10 values)."""
    t = [0, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262]
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, None
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    return mean, t[min(n - 1, 9)] * sd / math.sqrt(n)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dataset", default="fashion-mnist", choices=["fashion-mnist", "mnist"])
    p.add_argument("--labels-per-class", type=int, default=10)
    p.add_argument("--seeds", default="1,2,3", help="label draws (and dictionary seeds)")
    p.add_argument("--validation", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--combine", help="ssvae_reference.py --save files, {seed} in the name")
    p.add_argument("--gamma", default="0.03", help="a number, or 'auto': entropy_matched_gamma")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    all_x, all_y = load(args.dataset, "train")
    test_x, test_y = load(args.dataset, "test")
    scores = {}
    for seed in map(int, args.seeds.split(",")):
        start = time.perf_counter()
        train_x, train_y, eval_x, eval_y = all_x, all_y, test_x, test_y
        if args.validation > 0:
            held = torch.randperm(all_x.size(0), generator=torch.Generator().manual_seed(1000 + seed))
            eval_x, eval_y = all_x[held[:args.validation]], all_y[held[:args.validation]]
            train_x, train_y = all_x[held[args.validation:]], all_y[held[args.validation:]]
        labelled = draw_labelled(train_y, args.labels_per_class, torch.Generator().manual_seed(seed))
        classes = int(train_y.max()) + 1
        dictionary = learn_dictionary(train_x, torch.Generator().manual_seed(seed))
        with torch.no_grad():
            train_f, eval_f = patch_features(train_x, dictionary), patch_features(eval_x, dictionary)
            mean, std = train_f.mean(0), train_f.std(0) + 1e-6
            train_f, eval_f = (train_f - mean) / std, (eval_f - mean) / std
            spread = spread_labels(train_f, labelled, train_y[labelled], classes)
            weights, neighbours = nearest(eval_f, train_f, 10)
            vote = (weights[:, :, None] * spread[neighbours]).sum(1)
        row = {
            "pixel_logistic": (logistic_regression(train_x[labelled], train_y[labelled], eval_x, classes) == eval_y),
            "patch_logistic": (logistic_regression(train_f[labelled], train_y[labelled], eval_f, classes) == eval_y),
            "patch_spread": vote.argmax(1) == eval_y,
            "patch_spread_train": spread.argmax(1) == train_y,
        }
        if args.combine:
            model = load_export(args.combine.format(seed=seed))
            with torch.no_grad():
                q_eval, q_train = log_q(model, eval_x), log_q(model, train_x)
            gamma = entropy_matched_gamma(spread, q_train) if args.gamma == "auto" else float(args.gamma)
            row["vae_q"] = q_eval.argmax(1) == eval_y
            row["vae_q_train"] = q_train.argmax(1) == train_y
            row["combined"] = (torch.log(vote / vote.sum(1, keepdim=True) + 1e-6) + gamma * q_eval).argmax(1) == eval_y
            row["combined_train"] = (torch.log(spread + 1e-6) + gamma * q_train).argmax(1) == train_y
        row = {key: round(100 * hit.float().mean().item(), 2) for key, hit in row.items()}
        if args.combine:
            row["gamma"] = round(gamma, 4)
        for key, value in row.items():
            scores.setdefault(key, []).append(value)
        print(json.dumps({"seed": seed, **row, "seconds": round(time.perf_counter() - start, 1)}), flush=True)
    summary = {key: [None if v is None else round(v, 2) for v in interval(values)] for key, values in scores.items()}
    print(json.dumps({"dataset": args.dataset, "labels_per_class": args.labels_per_class,
                      "evaluated_on": f"validation {args.validation}" if args.validation else "test",
                      "mean_and_95_interval": summary}))


if __name__ == "__main__":
    main()

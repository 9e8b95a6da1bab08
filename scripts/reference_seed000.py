#!/usr/bin/env python3
"""Seed 000's training loop in PyTorch, as the speed reference for `bench`.

MLP VAE 784-512-32, MSE-sum reconstruction + KL, Adam 1e-3, batch 128, one epoch of Fashion-MNIST, 1 thread
(its fastest on the 2-core reference machine). Prints one JSON line: seconds and samples per second.
"""
import gzip
import json
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    n, rows, cols = (int.from_bytes(data[i:i + 4], "big") for i in (4, 8, 12))
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, rows * cols)


class VAE(nn.Module):
    def __init__(self, hidden=512, latent=32):
        super().__init__()
        self.fc1 = nn.Linear(784, hidden)
        self.fc2 = nn.Linear(hidden, 2 * latent)
        self.fc3 = nn.Linear(latent, hidden)
        self.fc4 = nn.Linear(hidden, 784)

    def forward(self, x):
        mu, logvar = self.fc2(F.relu(self.fc1(x))).chunk(2, dim=1)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return torch.sigmoid(self.fc4(F.relu(self.fc3(z)))), mu, logvar


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    images = torch.from_numpy(read_idx_images(path).astype(np.float32) / 255.0)
    model = VAE()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    start = time.perf_counter()
    order = torch.randperm(images.shape[0])
    total = 0.0
    for i in range(0, images.shape[0], 128):
        x = images[order[i:i + 128]]
        recon, mu, logvar = model(x)
        loss = F.mse_loss(recon, x, reduction="sum") - 0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "samples_per_second": images.shape[0] / seconds,
                      "loss_per_sample": total / images.shape[0], "threads": threads}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Seed 000's training loop in PyTorch, as the speed reference for `bench`.

MLP VAE 784-512-32, MSE-sum reconstruction + KL, Adam 1e-3, batch 128, one epoch of Fashion-MNIST, 1 thread
(its fastest on the 2-core reference machine). Data as the seed loads it: a torchvision-style dataset that turns
each uint8 image into a PIL image and then a tensor with transforms.ToTensor(), batched by a DataLoader with
shuffle=True. `--preloaded` instead slices one float tensor (the loop without the data pipeline).
Prints one JSON line: seconds and samples per second.
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


class SeedStyleDataset(torch.utils.data.Dataset):
    """What torchvision.datasets.MNIST(transform=ToTensor()) does per item: uint8 -> PIL -> float tensor."""

    def __init__(self, images):
        from PIL import Image
        self.images = images.reshape(-1, 28, 28)
        self.to_pil = lambda a: Image.fromarray(a, mode="L")
        try:
            from torchvision import transforms
            self.to_tensor = transforms.ToTensor()
        except ImportError:  # the same conversion ToTensor performs
            self.to_tensor = lambda img: torch.from_numpy(np.array(img, dtype=np.uint8)).float().div(255).unsqueeze(0)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.to_tensor(self.to_pil(self.images[index])), 0


def batches(raw, preloaded):
    if preloaded:
        images = torch.from_numpy(raw.astype(np.float32) / 255.0)
        order = torch.randperm(images.shape[0])
        for i in range(0, images.shape[0], 128):
            yield images[order[i:i + 128]]
    else:
        loader = torch.utils.data.DataLoader(SeedStyleDataset(raw), batch_size=128, shuffle=True)
        for x, _ in loader:
            yield x.view(-1, 784)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    preloaded = "--preloaded" in sys.argv
    path = args[0] if args else "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"
    threads = int(args[1]) if len(args) > 1 else 1
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    raw = read_idx_images(path)
    model = VAE()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    start = time.perf_counter()
    total = 0.0
    for x in batches(raw, preloaded):
        recon, mu, logvar = model(x)
        loss = F.mse_loss(recon, x, reduction="sum") - 0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "samples_per_second": raw.shape[0] / seconds,
                      "loss_per_sample": total / raw.shape[0], "threads": threads, "preloaded": preloaded}))


if __name__ == "__main__":
    main()

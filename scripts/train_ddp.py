#!/usr/bin/env python3
"""Trains one of Latent Explorer's VAEs with PyTorch's DistributedDataParallel, for models or data that outgrow one
machine; `latent-explorer import` brings the result back into the app (docs/scaling.md).

Launch with torchrun (it sets RANK, LOCAL_RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT), or start the processes
yourself with those variables. Without WORLD_SIZE it trains in one process. Gloo on CPU, NCCL on GPUs.
The loss is the app's: per-sample reconstruction NLL summed over the 784 pixels plus the KL summed over the latent
dimensions, in nats. Rank 0 prints one JSON object per epoch and saves the plain module's state dict.
"""
import argparse
import json
import os
import sys
from pathlib import Path

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

sys.path.insert(0, str(Path(__file__).resolve().parent))
from le_models import ConvVae, MlpVae, negative_elbo, read_idx_images  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, help="an IDX folder as the app reads (train-images-idx3-ubyte[.gz])")
    p.add_argument("--model", choices=["mlp", "conv"], default="mlp")
    p.add_argument("--hidden", type=int, default=512, help="MLP hidden width (the conv model's is fixed)")
    p.add_argument("--latent", type=int, default=32)
    p.add_argument("--likelihood", choices=["bernoulli", "gaussian"], default="bernoulli")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch", type=int, default=128, help="per process: N processes make an effective batch N×B")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", default="vae.pt", help="where rank 0 saves the state dict")
    return p.parse_args(argv)


def train_images(folder):
    for name in ("train-images-idx3-ubyte", "train-images-idx3-ubyte.gz"):
        path = Path(folder) / name
        if path.is_file():
            return read_idx_images(path)
    sys.exit(f"train_ddp: {folder} holds no train-images-idx3-ubyte[.gz]")


def init_distributed():
    """(rank, world size, device) from the standard environment; a process group only when WORLD_SIZE > 1."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    use_cuda = torch.cuda.is_available()
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    device = torch.device("cuda", local_rank) if use_cuda else torch.device("cpu")
    if use_cuda:
        torch.cuda.set_device(device)
    if world > 1:
        dist.init_process_group("nccl" if use_cuda else "gloo")  # reads RANK, MASTER_ADDR, MASTER_PORT
    return (dist.get_rank() if world > 1 else 0), world, device


def main(argv=None):
    args = parse_args(argv)
    rank, world, device = init_distributed()
    torch.manual_seed(args.seed)  # the same initial weights on every rank (DDP also broadcasts rank 0's)
    module = MlpVae(args.hidden, args.latent) if args.model == "mlp" else ConvVae(args.latent)
    module = module.to(device)
    model = DDP(module, device_ids=[device.index] if device.type == "cuda" else None) if world > 1 else module
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

    data = TensorDataset(train_images(args.data))
    sampler = DistributedSampler(data, num_replicas=world, rank=rank, shuffle=True, seed=args.seed)
    loader = DataLoader(data, batch_size=args.batch, sampler=sampler)
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)  # a different shuffle each epoch, the same on every rank
        total = torch.zeros(2, device=device)
        for (x,) in loader:
            x = x.to(device, non_blocking=True)
            loss = negative_elbo(model, x, args.likelihood)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()  # DDP averages the gradients across all processes here
            optimizer.step()
            total += torch.stack([loss.detach() * x.size(0), torch.tensor(float(x.size(0)), device=device)])
        if world > 1:
            dist.all_reduce(total)
        if rank == 0:
            print(json.dumps({"epoch": epoch + 1, "train_neg_elbo": total[0].item() / total[1].item(),
                              "samples": int(total[1].item()), "world_size": world}), flush=True)

    if rank == 0:
        # The plain module's tensors on the CPU, as a plain dict: what `latent-explorer import` reads.
        torch.save({k: v.cpu() for k, v in module.state_dict().items()}, args.out)
    if world > 1:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()

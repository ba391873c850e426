"""A stand-in training script for the example jobs."""

import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--data")
parser.add_argument("--lr", type=float, default=0.01)
parser.add_argument("--epochs", type=int, default=1)
parser.add_argument("--model-dir")
args = parser.parse_args()
print(f"training on {args.data} with lr={args.lr} for {args.epochs} epoch(s); model in {args.model_dir}")

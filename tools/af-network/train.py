"""Trains the AF network ensemble (org.yiwang.ecg.signal.rhythm.AfNetwork) offline.

Input: the directory written by `java -jar target/yiwang.jar ecg-eval --af-network-input DIR OUT` on the CinC 2017
records (index.csv and inputs.f32: the network input of every record, made by the Java code that reads it in use).
One member per cross-validation fold (records by position in name order, modulo 5, as `ecg-eval --af` folds them),
each trained on the other four folds; AF = label A against every other label. Writes the ensemble in the format
AfNetwork.read takes and prints the out-of-fold AUC and the logit of a fixed test input (AfNetworkTests checks the
Java forward pass against it).

Optional, and used for the shipped weights:
- --extra: the same export run on the mitdb records (30 s windows of both leads, labelled by the reference rhythms).
  Every member trains on a fresh sample of them each epoch (--extra-af fibrillation and --extra-other other
  windows) besides its CinC folds; they never enter the out-of-fold scores, which stay on CinC records only.
- --noise: the nstdb directory; its baseline-wander (bw) and muscle-artefact (ma) noise records are added to
  30 % of the training inputs at random strength, so noise alone is not read as fibrillation.
- --label-smoothing 0.1: targets 0.05 and 0.95 instead of 0 and 1. Some CinC labels are uncertain (14 records here moved
  between A and O from the challenge's first release to its last); with hard targets the network also learns those,
  with logits of ±10 and more, and the regression that combines it with the RR model then discounts it.
- --seeds 3: three training runs (seeds 0, 1, 2) of five members each, all kept and averaged in use. Runs of one
  seed differ by several AF records in the cross-validation (docs/benchmarks.md); their average varies less. A
  record's out-of-fold logit is the mean of the three members that did not see it.

    java -jar target/yiwang.jar ecg-eval --af-network-input ../shared/data/ecg/cinc2017 /tmp/afn/cinc
    java -jar target/yiwang.jar ecg-eval --af-network-input ../shared/data/ecg/mitdb /tmp/afn/mitdb
    python3 tools/af-network/train.py /tmp/afn/cinc --extra /tmp/afn/mitdb --noise ../shared/data/ecg/nstdb \
        --label-smoothing 0.1 --seeds 3

Needs PyTorch (CPU), NumPy and SciPy. Deterministic per member seed (fold + 1000 × run) on one machine; about 21 min
per run on 2 cores.
"""
import argparse, struct, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from scipy.signal import resample_poly

FS = 150
WINDOW = 30 * FS
FOLDS = 5
WIDTH = 32


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv1d(cin, cout, 7, stride, 3, bias=False); self.b1 = nn.BatchNorm1d(cout)
        self.c2 = nn.Conv1d(cout, cout, 7, 1, 3, bias=False); self.b2 = nn.BatchNorm1d(cout)
        self.skip = None if (cin == cout and stride == 1) else nn.Sequential(
            nn.Conv1d(cin, cout, 1, stride, bias=False), nn.BatchNorm1d(cout))

    def forward(self, x):
        y = F.relu(self.b1(self.c1(x)))
        y = self.b2(self.c2(y))
        return F.relu(y + (x if self.skip is None else self.skip(x)))


class Net(nn.Module):
    def __init__(self, w=WIDTH):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv1d(1, w // 2, 15, 2, 7, bias=False), nn.BatchNorm1d(w // 2), nn.ReLU())
        self.blocks = nn.Sequential(Block(w // 2, w, 2), Block(w, w, 1), Block(w, w, 2), Block(w, 2 * w, 2),
                                    Block(2 * w, 2 * w, 2), Block(2 * w, 2 * w, 2))
        self.drop = nn.Dropout(0.3)
        self.head = nn.Linear(4 * w, 1)

    def forward(self, x):
        h = self.blocks(self.stem(x))
        h = torch.cat([h.mean(-1), h.amax(-1)], 1)
        return self.head(self.drop(h)).squeeze(1)


def load(directory):
    rows = [l.strip().split(",") for l in open(f"{directory}/index.csv")][1:]
    data = np.fromfile(f"{directory}/inputs.f32", dtype="<f4")
    sigs = [data[int(r[2]):int(r[2]) + int(r[3])] for r in rows]
    return [r[0] for r in rows], np.array([r[1] for r in rows]), sigs


def noise_records(directory):
    """Both channels of nstdb's bw and ma records (format 212, 360 Hz), at 150 samples/s, zero mean."""
    out = []
    for name in ("bw", "ma"):
        b = np.fromfile(f"{directory}/{name}.dat", np.uint8)
        b = b[:len(b) // 3 * 3].reshape(-1, 3).astype(np.int32)
        first = b[:, 0] | ((b[:, 1] & 0x0F) << 8)
        second = b[:, 2] | ((b[:, 1] & 0xF0) << 4)
        for channel in (first, second):
            channel = np.where(channel > 2047, channel - 4096, channel).astype(np.float64)
            out.append(resample_poly(channel - channel.mean(), 5, 12).astype(np.float32))
    return out


def add_noise(xb, noise, rng):
    for k in range(len(xb)):
        if rng.random() < 0.3:
            source = noise[rng.integers(len(noise))]
            start = rng.integers(0, len(source) - WINDOW)
            part = source[start:start + WINDOW]
            xb[k] += (part / (np.std(part) + 1e-6) * rng.uniform(0.02, 0.25)).astype(np.float32)


def crop(x, rng):
    if len(x) >= WINDOW:
        s = rng.integers(0, len(x) - WINDOW + 1)
        return x[s:s + WINDOW]
    out = np.zeros(WINDOW, np.float32)
    s = rng.integers(0, WINDOW - len(x) + 1)
    out[s:s + len(x)] = x
    return out


def windows(x):
    """As AfNetwork.logit: half-overlapping windows, the last one ending with the input; short inputs zero-padded."""
    if len(x) <= WINDOW:
        out = np.zeros(WINDOW, np.float32); out[:len(x)] = x
        return [out]
    starts = list(range(0, len(x) - WINDOW + 1, WINDOW // 2))
    if starts[-1] != len(x) - WINDOW:
        starts.append(len(x) - WINDOW)
    return [x[s:s + WINDOW] for s in starts]


def logit(net, x):
    with torch.no_grad():
        return float(net(torch.from_numpy(np.stack(windows(x))[:, None, :])).mean())


def auc(y, p):
    order = np.argsort(p, kind="stable"); ranks = np.empty(len(p)); ranks[order] = np.arange(1, len(p) + 1)
    n1 = y.sum(); n0 = len(y) - n1
    return (ranks[y].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)


def train_member(sigs, y, train, fold, epochs, extra=None, extra_af=0, extra_other=0, noise=None, smoothing=0.0,
                 seed=0):
    """extra: (inputs, is AF) of the extra windows, of which extra_af and extra_other are drawn every epoch."""
    torch.manual_seed(fold + 1000 * seed)
    rng = np.random.default_rng(fold + 1000 * seed)
    net = Net()
    opt = torch.optim.AdamW(net.parameters(), 1e-3, weight_decay=1e-2)
    batches = (len(train) + (0 if extra is None else extra_af + extra_other)) // 32
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, 3e-3, total_steps=max(1, epochs * batches))
    pos_weight = torch.tensor((~y[train]).sum() / y[train].sum())
    for epoch in range(epochs):
        net.train()
        items = [(sigs[i], y[i]) for i in train]
        if extra is not None:
            extra_sigs, extra_y = extra
            drawn = np.r_[rng.choice(np.where(extra_y)[0], extra_af, replace=False),
                          rng.choice(np.where(~extra_y)[0], extra_other, replace=False)]
            items += [(extra_sigs[i], extra_y[i]) for i in drawn]
        order = rng.permutation(len(items))
        total = 0.0
        for b in range(batches):
            idx = order[b * 32:(b + 1) * 32]
            # augmentation: polarity (handheld leads are often reversed), gain, a little noise
            xb = np.stack([crop(items[i][0], rng) * rng.choice([-1, 1]) * rng.uniform(0.7, 1.4) for i in idx])
            xb = (xb + rng.normal(0, 0.02, xb.shape)).astype(np.float32)
            if noise is not None:
                add_noise(xb, noise, rng)
            target = torch.tensor(np.array([items[i][1] for i in idx]), dtype=torch.float32)
            target = target * (1 - smoothing) + smoothing / 2
            loss = F.binary_cross_entropy_with_logits(net(torch.from_numpy(xb[:, None, :])), target,
                                                      pos_weight=pos_weight)
            opt.zero_grad(); loss.backward(); opt.step(); sched.step()
            total += loss.item()
        if epoch % 10 == 9 or epoch == epochs - 1:
            print(f"fold {fold} epoch {epoch + 1} loss {total / batches:.3f}", flush=True)
    net.eval()
    return net


def folded(conv, bn):
    w = conv.weight.detach().double()
    scale = bn.weight.detach().double() / torch.sqrt(bn.running_var.double() + bn.eps)
    return (w * scale[:, None, None]).float(), (bn.bias.detach().double() - bn.running_mean.double() * scale).float()


def write_conv(f, conv, bn):
    w, b = folded(conv, bn)
    f.write(struct.pack("<4i", w.shape[0], w.shape[1], w.shape[2], conv.stride[0]))
    f.write(w.numpy().astype("<f4").tobytes()); f.write(b.numpy().astype("<f4").tobytes())


def members_in(path):
    with open(path, "rb") as f:
        header = f.read(12)
    assert header[:8] == b"YWAFN1\0\0", path
    return struct.unpack("<i", header[8:])[0]


def write(nets, path, append=False):
    kept, count = b"", 0
    if append:
        count = members_in(path)
        with open(path, "rb") as f:
            kept = f.read()[12:]
    with open(path, "wb") as f:
        f.write(b"YWAFN1\0\0"); f.write(struct.pack("<i", count + len(nets))); f.write(kept)
        for net in nets:
            f.write(struct.pack("<i", len(net.blocks)))
            write_conv(f, net.stem[0], net.stem[1])
            for block in net.blocks:
                f.write(struct.pack("<i", 0 if block.skip is None else 1))
                write_conv(f, block.c1, block.b1); write_conv(f, block.c2, block.b2)
                if block.skip is not None:
                    write_conv(f, block.skip[0], block.skip[1])
            f.write(struct.pack("<i", net.head.in_features))
            f.write(net.head.weight.detach().numpy().astype("<f4").tobytes())
            f.write(net.head.bias.detach().numpy().astype("<f4").tobytes())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--out", default="src/main/resources/org/yiwang/ecg/signal/rhythm/af-network.bin")
    parser.add_argument("--extra", help="export of annotated records' windows (mitdb)")
    parser.add_argument("--extra-af", type=int, default=60)
    parser.add_argument("--extra-other", type=int, default=250)
    parser.add_argument("--noise", help="nstdb directory (bw and ma noise records)")
    parser.add_argument("--label-smoothing", type=float, default=0.0,
                        help="targets pulled this far towards 1/2 (labels of this data set are not all right)")
    parser.add_argument("--seeds", type=int, default=1,
                        help="training runs (seeds 0, 1, …) of one member per fold each, all kept in the ensemble")
    parser.add_argument("--first-seed", type=int, default=0,
                        help="seed of the first run; with --append, the runs after those already in --out")
    parser.add_argument("--append", action="store_true",
                        help="keep the members already in --out and add the new runs after them")
    args = parser.parse_args()
    torch.set_num_threads(2)
    names, labels, sigs = load(args.input)
    extra = None
    if args.extra:
        _, extra_labels, extra_sigs = load(args.extra)
        extra = (extra_sigs, extra_labels == "A")
        print(f"extra windows: {len(extra_sigs)}, fibrillation {extra[1].sum()}", flush=True)
    noise = noise_records(args.noise) if args.noise else None
    y = labels == "A"
    n = len(names)
    oof = np.zeros(n)
    nets = []
    started = time.time()
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        for fold in range(FOLDS):
            train = np.array([i for i in range(n) if i % FOLDS != fold])
            net = train_member(sigs, y, train, fold, args.epochs, extra, args.extra_af, args.extra_other, noise,
                               args.label_smoothing, seed)
            held = np.arange(fold, n, FOLDS)
            run_logits = np.array([logit(net, sigs[i]) for i in held])
            oof[held] += run_logits / args.seeds
            print(f"seed {seed} fold {fold}: out-of-fold AUC {auc(y[held], run_logits):.4f} "
                  f"({time.time() - started:.0f} s)", flush=True)
            nets.append(net)
    print(f"out-of-fold AUC {auc(y, oof):.4f}, AF records {y.sum()} of {n}")
    if args.append:  # the ensemble's out-of-fold logit averages every run, the earlier ones as saved with them
        earlier_runs = members_in(args.out) // FOLDS
        earlier = np.loadtxt(args.out + ".oof.csv", delimiter=",", skiprows=1)[:, 1]
        oof = (earlier * earlier_runs + oof * args.seeds) / (earlier_runs + args.seeds)
        print(f"with the {earlier_runs} earlier runs: out-of-fold AUC {auc(y, oof):.4f}")
    np.savetxt(args.out + ".oof.csv", np.c_[np.arange(n), oof], delimiter=",", fmt=["%d", "%.6f"],
               header="position,logit", comments="")
    write(nets, args.out, append=args.append)
    t = np.arange(WINDOW) / FS
    probe = (np.sin(2 * np.pi * 1.2 * t) + 0.3 * np.sin(2 * np.pi * 7 * t)).astype(np.float32)
    # with --append, of the members trained now (the file's member count before them is the offset)
    print(f"probe logit member 0: {logit(nets[0], probe):.6f}; ensemble: {np.mean([logit(m, probe) for m in nets]):.6f}")
    for run in range(1, args.seeds):
        print(f"probe logit member {run * FOLDS} of this run: {logit(nets[run * FOLDS], probe):.6f}")


if __name__ == "__main__":
    main()

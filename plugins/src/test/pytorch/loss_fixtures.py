#!/usr/bin/env python3
"""Reference values for Trainyard's loss parity tests, computed once with PyTorch.

Run by hand, never in the build (see layer_fixtures.py):

    python3 plugins/src/test/pytorch/loss_fixtures.py > plugins/src/test/resources/pytorch/losses.json

Each case names a Trainyard loss and its settings and records, in float64 and float32, the predictions and targets
with PyTorch's loss and its gradient with respect to the predictions.
"""
import json
import sys

import torch

torch.manual_seed(20261130)


def flat(tensor):
    return [float(v) for v in tensor.detach().reshape(-1).tolist()]


def case(name, loss, args, module, predictions, targets):
    records = []
    for dtype in (torch.float64, torch.float32):
        x = predictions.to(dtype).clone().requires_grad_(True)
        m = module.to(dtype)
        value = m(x, targets.to(dtype) if targets.is_floating_point() else targets)
        value.backward()
        records.append({
            "dtype": "float64" if dtype == torch.float64 else "float32",
            "predictions": flat(x),
            "targets": [float(t) for t in targets.reshape(-1).tolist()],
            "target_shape": list(targets.shape),
            "loss": float(value),
            "gradient": flat(x.grad),
        })
    return {"name": name, "loss": loss, "args": args, "shape": list(predictions.shape), "torch": repr(module),
            "records": records}


logits = torch.randn(5, 4, dtype=torch.float64)
labels = torch.tensor([0, 3, 1, 3, 2])
log_probabilities = torch.log_softmax(torch.randn(5, 4, dtype=torch.float64), dim=1)
weights = [0.5, 2.0, 1.0, 3.0]

cases = [
    case("cross-entropy mean", "cross-entropy", {}, torch.nn.CrossEntropyLoss(), logits, labels),
    case("cross-entropy sum", "cross-entropy", {"reduction": "sum"}, torch.nn.CrossEntropyLoss(reduction="sum"),
         logits, labels),
    case("cross-entropy weighted and smoothed", "cross-entropy", {"weight": weights, "label_smoothing": 0.2},
         torch.nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float64), label_smoothing=0.2),
         logits, labels),
    case("cross-entropy ignore_index -100", "cross-entropy", {}, torch.nn.CrossEntropyLoss(), logits,
         torch.tensor([0, -100, 1, 3, 2])),
    case("cross-entropy ignore_index 7, weighted and smoothed", "cross-entropy",
         {"ignore_index": 7, "weight": weights, "label_smoothing": 0.1},
         torch.nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float64), label_smoothing=0.1,
                                   ignore_index=7),
         logits, torch.tensor([0, 3, 7, 3, 2])),
    case("nll weighted", "nll", {"weight": weights},
         torch.nn.NLLLoss(weight=torch.tensor(weights, dtype=torch.float64)), log_probabilities, labels),
    case("nll ignore_index 2", "nll", {"ignore_index": 2, "weight": weights},
         torch.nn.NLLLoss(weight=torch.tensor(weights, dtype=torch.float64), ignore_index=2), log_probabilities,
         labels),
]

multi_label_logits = torch.randn(4, 3, dtype=torch.float64)
multi_label_targets = torch.tensor([[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]], dtype=torch.float64)
cases += [
    case("bce-with-logits pos_weight per class", "bce-with-logits", {"pos_weight": [0.5, 2.0, 3.0]},
         torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([0.5, 2.0, 3.0], dtype=torch.float64)),
         multi_label_logits, multi_label_targets),
    case("bce-with-logits pos_weight for all", "bce-with-logits", {"pos_weight": [2.0], "reduction": "sum"},
         torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(2.0, dtype=torch.float64), reduction="sum"),
         multi_label_logits, multi_label_targets),
]

json.dump({"torch_version": torch.__version__, "cases": cases}, sys.stdout, indent=1)
print()

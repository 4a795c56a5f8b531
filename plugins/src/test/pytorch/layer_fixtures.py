#!/usr/bin/env python3
"""Reference values for Trainyard's layer parity tests, computed once with PyTorch.

PyTorch is a yardstick here, never part of the build or CI: this script is run by hand and its output is
committed as plugins/src/test/resources/pytorch/layers.json, which PyTorchLayerParityTest reads. Run it again
(with Debian's python3-torch) when a case is added:

    python3 plugins/src/test/pytorch/layer_fixtures.py > plugins/src/test/resources/pytorch/layers.json

Each case names a Trainyard layer and its arguments, the PyTorch module that defines its semantics, and records,
in float64 and in float32: the input, the layer's parameters (flattened in PyTorch's order: weight, then bias),
the upstream gradient, and PyTorch's output, input gradient and parameter gradients.
"""
import json
import math
import sys

import torch

torch.manual_seed(20261129)


def flat(tensor):
    return [float(v) for v in tensor.detach().reshape(-1).tolist()]


def case(name, layer, args, module, input_shape, training=True, edit_input=None):
    records = []
    base_input = torch.randn(*input_shape, dtype=torch.float64)
    if edit_input is not None:
        edit_input(base_input)
    base_params = [p.detach().clone().to(torch.float64) for p in module.parameters()]
    for dtype in (torch.float64, torch.float32):
        m = module.to(dtype)
        with torch.no_grad():
            for p, value in zip(m.parameters(), base_params):
                p.copy_(value.to(dtype))
        m.train(training)
        x = base_input.to(dtype).clone().requires_grad_(True)
        y = m(x)
        generator = torch.Generator().manual_seed(7)
        g = torch.randn(y.shape, generator=generator, dtype=torch.float64).to(dtype)
        m.zero_grad()
        y.backward(g)
        records.append({
            "dtype": "float64" if dtype == torch.float64 else "float32",
            "input": flat(x),
            "parameters": [v for p in m.parameters() for v in flat(p)],
            "grad_output": flat(g),
            "output": flat(y),
            "output_shape": list(y.shape),
            "grad_input": flat(x.grad),
            "parameter_gradients": [v for p in m.parameters() for v in flat(p.grad)],
        })
    return {"name": name, "layer": layer, "args": args, "input_shape": list(input_shape), "training": training,
            "torch": repr(module), "records": records}


def nan_in_first_window(x):
    x[0, 0, 0, 1] = math.nan


cases = [
    case("linear", "linear", {"out_features": 5}, torch.nn.Linear(3, 5), (4, 3)),
    case("linear without bias", "linear", {"out_features": 2, "bias": False}, torch.nn.Linear(3, 2, bias=False),
         (4, 3)),
    case("conv2d padded", "conv2d", {"out_channels": 3, "kernel_size": [3], "padding": "1"},
         torch.nn.Conv2d(2, 3, 3, padding=1), (2, 2, 5, 5)),
    case("conv2d strided", "conv2d", {"out_channels": 2, "kernel_size": [3], "stride": [2]},
         torch.nn.Conv2d(2, 2, 3, stride=2), (2, 2, 6, 5)),
    case("conv2d without bias", "conv2d", {"out_channels": 2, "kernel_size": [2], "bias": False},
         torch.nn.Conv2d(2, 2, 2, bias=False), (2, 2, 4, 4)),
    case("maxpool2d", "maxpool2d", {"kernel_size": 2}, torch.nn.MaxPool2d(2), (2, 2, 4, 4)),
    case("maxpool2d padded", "maxpool2d", {"kernel_size": 3, "stride": 2, "padding": 1},
         torch.nn.MaxPool2d(3, stride=2, padding=1), (2, 2, 5, 5)),
    case("maxpool2d ceil_mode", "maxpool2d", {"kernel_size": 2, "ceil_mode": True},
         torch.nn.MaxPool2d(2, ceil_mode=True), (2, 2, 5, 5)),
    case("maxpool2d ceil_mode strided and padded", "maxpool2d",
         {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True},
         torch.nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True), (1, 2, 6, 6)),
    case("maxpool2d NaN wins its window", "maxpool2d", {"kernel_size": 2}, torch.nn.MaxPool2d(2), (1, 2, 4, 4),
         edit_input=nan_in_first_window),
    case("batchnorm1d training", "batchnorm1d", {}, torch.nn.BatchNorm1d(3), (5, 3)),
    case("relu", "relu", {}, torch.nn.ReLU(), (3, 4)),
    case("dropout p=1", "dropout", {"p": 1.0}, torch.nn.Dropout(p=1.0), (3, 4)),
    case("leaky-relu", "leaky-relu", {"negative_slope": 0.2}, torch.nn.LeakyReLU(0.2), (3, 4)),
    case("tanh", "tanh", {}, torch.nn.Tanh(), (3, 4)),
    case("sigmoid", "sigmoid", {}, torch.nn.Sigmoid(), (3, 4)),
    case("gelu", "gelu", {}, torch.nn.GELU(), (3, 4)),
    case("gelu tanh", "gelu", {"approximate": "tanh"}, torch.nn.GELU(approximate="tanh"), (3, 4)),
    case("softmax last dim", "softmax", {}, torch.nn.Softmax(dim=-1), (2, 3, 4)),
    case("softmax dim 1", "softmax", {"dim": 1}, torch.nn.Softmax(dim=1), (2, 3, 4)),
    case("log-softmax last dim", "log-softmax", {}, torch.nn.LogSoftmax(dim=-1), (2, 3, 4)),
    case("log-softmax dim 1", "log-softmax", {"dim": 1}, torch.nn.LogSoftmax(dim=1), (2, 3, 4)),
    case("conv2d rectangular kernel, stride and padding", "conv2d",
         {"out_channels": 3, "kernel_size": [2, 3], "stride": [2, 1], "padding": "(1 0)"},
         torch.nn.Conv2d(2, 3, (2, 3), stride=(2, 1), padding=(1, 0)), (2, 2, 5, 6)),
    case("conv2d dilated", "conv2d", {"out_channels": 2, "kernel_size": [3], "dilation": [2], "padding": "2"},
         torch.nn.Conv2d(2, 2, 3, dilation=2, padding=2), (2, 2, 7, 6)),
    case("conv2d groups", "conv2d", {"out_channels": 6, "kernel_size": [3], "padding": "1", "groups": 2},
         torch.nn.Conv2d(4, 6, 3, padding=1, groups=2), (2, 4, 5, 5)),
    case("conv2d depthwise without bias", "conv2d",
         {"out_channels": 3, "kernel_size": [3], "groups": 3, "bias": False},
         torch.nn.Conv2d(3, 3, 3, groups=3, bias=False), (2, 3, 5, 5)),
    case("conv2d padding same, even kernel", "conv2d", {"out_channels": 2, "kernel_size": [4], "padding": "same"},
         torch.nn.Conv2d(2, 2, 4, padding="same"), (2, 2, 5, 6)),
    case("conv2d padding same, dilated rectangular kernel", "conv2d",
         {"out_channels": 3, "kernel_size": [3, 2], "dilation": [2, 1], "padding": "same"},
         torch.nn.Conv2d(2, 3, (3, 2), dilation=(2, 1), padding="same"), (2, 2, 6, 5)),
    case("conv2d padding valid, strided and dilated", "conv2d",
         {"out_channels": 2, "kernel_size": [3], "stride": [2], "dilation": [2], "padding": "valid"},
         torch.nn.Conv2d(2, 2, 3, stride=2, dilation=2, padding="valid"), (1, 2, 9, 8)),
]

json.dump({"torch_version": torch.__version__, "cases": cases}, sys.stdout, indent=1)
print()

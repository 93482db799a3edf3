"""The memory levers of a model on one GPU, read from settings and applied when a pipeline loads.

Defaults (README, Rendering backends), chosen for one 24-48 GB GPU and the full LTX-2 (a 19B transformer and a
12B Gemma 3 text encoder, about 60 GB in bfloat16, which no single card of that size holds at once):

- ``RENDER_CPU_OFFLOAD=model``: each component moves to the GPU while it runs, then back (diffusers'
  ``enable_model_cpu_offload``, through accelerate). ``sequential`` moves one layer at a time (the least
  memory, several times slower); ``none`` keeps the whole pipeline on the GPU (fastest, needs the memory).
- ``RENDER_VAE_TILING=1``: the VAE decodes in overlapping tiles, so decoding a long 720p clip does not need
  tens of GB at once.
- ``RENDER_TRANSFORMER_STORAGE_DTYPE`` unset: the transformer stays in the compute dtype. ``float8_e4m3fn``
  stores its weights in 8 bits and upcasts each layer as it runs (diffusers' layerwise casting), halving its
  memory for a small loss of quality.
- ``RENDER_TORCH_DTYPE`` unset: bfloat16 on a GPU, float32 on the CPU.

On the CPU (no GPU) offload means nothing and is skipped; tiling and storage casting still apply.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    import torch

OFFLOAD_MODES = ("none", "model", "sequential")
STORAGE_DTYPES = ("", "float8_e4m3fn", "float8_e5m2", "bfloat16", "float16")


@dataclass(frozen=True)
class MemoryLevers:
    """How a pipeline is placed on the device: offload, VAE tiling, the transformer's storage dtype."""

    cpu_offload: str = "model"
    vae_tiling: bool = True
    transformer_storage_dtype: str = ""
    torch_dtype: str = ""

    @classmethod
    def from_settings(cls) -> MemoryLevers:
        levers = cls(
            cpu_offload=(settings.RENDER_CPU_OFFLOAD or "none").lower(),
            vae_tiling=bool(settings.RENDER_VAE_TILING),
            transformer_storage_dtype=(settings.RENDER_TRANSFORMER_STORAGE_DTYPE or "").lower(),
            torch_dtype=(settings.RENDER_TORCH_DTYPE or "").lower(),
        )
        levers.check()
        return levers

    def check(self) -> None:
        """Refuse a value that would only fail at the first render."""
        if self.cpu_offload not in OFFLOAD_MODES:
            raise ImproperlyConfigured(f"RENDER_CPU_OFFLOAD is one of {', '.join(OFFLOAD_MODES)}, not {self.cpu_offload!r}.")
        if self.transformer_storage_dtype not in STORAGE_DTYPES:
            raise ImproperlyConfigured(
                f"RENDER_TRANSFORMER_STORAGE_DTYPE is empty or one of {', '.join(STORAGE_DTYPES[1:])}, "
                f"not {self.transformer_storage_dtype!r}."
            )
        if self.torch_dtype not in ("", "float32", "bfloat16", "float16"):
            raise ImproperlyConfigured(f"RENDER_TORCH_DTYPE is float32, bfloat16 or float16, not {self.torch_dtype!r}.")
        if self.cpu_offload != "none" and importlib.util.find_spec("accelerate") is None:
            raise ImproperlyConfigured(f"RENDER_CPU_OFFLOAD={self.cpu_offload} needs the accelerate package.")

    def compute_dtype(self, device: str) -> torch.dtype:
        # lazy: torch (~150 MB) is loaded by render workers only
        import torch

        if self.torch_dtype:
            return getattr(torch, self.torch_dtype)
        return torch.bfloat16 if device.startswith("cuda") else torch.float32


def prepare_modules(pipeline: Any, *, levers: MemoryLevers, dtype: torch.dtype) -> list[str]:
    """The levers that change modules (shared by pipelines made with from_pipe): apply once, after loading."""
    # lazy: torch (~150 MB) is loaded by render workers only
    import torch

    applied: list[str] = []
    transformer = getattr(pipeline, "transformer", None)
    if levers.transformer_storage_dtype and transformer is not None:
        storage = getattr(torch, levers.transformer_storage_dtype)
        transformer.enable_layerwise_casting(storage_dtype=storage, compute_dtype=dtype)
        applied.append(f"transformer_storage:{levers.transformer_storage_dtype}")
    if levers.vae_tiling:
        vae = getattr(pipeline, "vae", None)
        if vae is not None and hasattr(vae, "enable_tiling"):
            vae.enable_tiling()
            applied.append("vae_tiling")
    return applied


def place_on_device(pipeline: Any, *, device: str, levers: MemoryLevers) -> str:
    """Put a pipeline (loaded on the CPU) on `device`, offloaded as the levers say; returns how.

    Offload hooks belong to one pipeline: call this again before running another pipeline that shares its modules.
    """
    if device.startswith("cpu"):
        return "cpu"  # from_pretrained loads onto the CPU; there is nowhere to offload to
    if levers.cpu_offload == "model":
        pipeline.enable_model_cpu_offload(device=device)
        return "model_cpu_offload"
    if levers.cpu_offload == "sequential":
        pipeline.enable_sequential_cpu_offload(device=device)
        return "sequential_cpu_offload"
    pipeline.to(device)
    return device

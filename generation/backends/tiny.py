"""Tiny random-weight versions of the real models, saved as local diffusers folders.

Tests and bench/bench_gpu.py build them on the spot (nothing is downloaded) and load them back through the
backends, so the real loading and rendering code runs. Each keeps its model's structure (components, latent
layout, audio path, identity modules) and shrinks every width to a few channels: a render takes well under a
second on one CPU thread. The weights are random, so what comes out is noise shaped by the inputs: it depends on
the seed, the prompt, the image condition and the face features, which is what the tests measure.

The tokenizers are made from a small local vocabulary (characters, plus whole words for the T5 ones), so that
a prompt's every word reaches the text encoder.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

# Printable characters, one token each: enough for any English prompt, so a changed word changes the tokens.
CHARACTERS = string.ascii_letters + string.digits + string.punctuation + " "


def gemma_tokenizer():
    """A Gemma (BPE) tokenizer over single characters."""
    from transformers import GemmaTokenizer

    vocab = {"<pad>": 0, "<eos>": 1, "<bos>": 2, "<unk>": 3, "<mask>": 4}
    for char in CHARACTERS:
        vocab.setdefault(char, len(vocab))
    return GemmaTokenizer(vocab=vocab, merges=[])


def t5_tokenizer(model_max_length: int = 256):
    """A T5 (Unigram) tokenizer over single characters."""
    from transformers import T5Tokenizer

    pieces = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("▁", -2.0)]
    pieces += [(char, -5.0) for char in CHARACTERS.strip()]
    return T5Tokenizer(vocab=pieces, extra_ids=0, model_max_length=model_max_length)


def save_tiny_ltx(directory: Path, *, seed: int = 0) -> Path:
    """LTX-Video with random weights: a 1-layer T5, a 1-layer transformer and an 8-channel VAE."""
    import torch
    from diffusers import (
        AutoencoderKLLTXVideo,
        FlowMatchEulerDiscreteScheduler,
        LTXPipeline,
        LTXVideoTransformer3DModel,
    )
    from transformers import T5Config, T5EncoderModel

    torch.manual_seed(seed)
    tokenizer = t5_tokenizer()
    LTXPipeline(
        transformer=LTXVideoTransformer3DModel(
            in_channels=8,
            out_channels=8,
            patch_size=1,
            patch_size_t=1,
            num_attention_heads=2,
            attention_head_dim=8,
            cross_attention_dim=16,
            num_layers=1,
            caption_channels=16,
        ),
        vae=AutoencoderKLLTXVideo(
            in_channels=3,
            out_channels=3,
            latent_channels=8,
            block_out_channels=(8, 8, 8, 8),
            decoder_block_out_channels=(8, 8, 8, 8),
            layers_per_block=(1, 1, 1, 1, 1),
            decoder_layers_per_block=(1, 1, 1, 1, 1),
            spatio_temporal_scaling=(True, True, False, False),
            decoder_spatio_temporal_scaling=(True, True, False, False),
            decoder_inject_noise=(False, False, False, False, False),
            upsample_residual=(False, False, False, False),
            upsample_factor=(1, 1, 1, 1),
            timestep_conditioning=False,
            patch_size=1,
            patch_size_t=1,
            encoder_causal=True,
            decoder_causal=False,
        ),
        text_encoder=T5EncoderModel(
            T5Config(vocab_size=len(tokenizer), d_model=16, d_kv=8, d_ff=32, num_layers=1, num_heads=2)
        ),
        tokenizer=tokenizer,
        scheduler=FlowMatchEulerDiscreteScheduler(),
    ).save_pretrained(directory)
    return directory


def save_tiny_ltx2(directory: Path, *, seed: int = 0, name: str = "", revision: str = "") -> Path:
    """LTX-2 with random weights: a 2-layer Gemma 3 (with its vision tower), the text connectors, a 1-layer
    audio-video transformer, both VAEs and a vocoder whose upsampling matches its mel hop (24 kHz out).

    `name` is written as the folder's `_name_or_path`, `revision` as the commit `hf download --local-dir` records,
    so a test can check that provenance names them.
    """
    import torch
    from diffusers import (
        AutoencoderKLLTX2Audio,
        AutoencoderKLLTX2Video,
        FlowMatchEulerDiscreteScheduler,
        LTX2Pipeline,
        LTX2VideoTransformer3DModel,
    )
    from diffusers.pipelines.ltx2 import LTX2TextConnectors
    from diffusers.pipelines.ltx2.vocoder import LTX2Vocoder
    from transformers import Gemma3Config, Gemma3ForConditionalGeneration

    torch.manual_seed(seed)
    tokenizer = gemma_tokenizer()
    config = Gemma3Config(
        text_config={
            "vocab_size": len(tokenizer),
            "hidden_size": 32,
            "intermediate_size": 64,
            "num_hidden_layers": 2,
            "num_attention_heads": 4,
            "num_key_value_heads": 1,
            "head_dim": 8,
            "max_position_embeddings": 512,
            "sliding_window": 64,
            "pad_token_id": 0,
            "bos_token_id": 2,
            "eos_token_id": 1,
        },
        vision_config={
            "hidden_size": 16,
            "intermediate_size": 32,
            "num_hidden_layers": 1,
            "num_attention_heads": 2,
            "image_size": 28,
            "patch_size": 14,
        },
        mm_tokens_per_image=4,
    )
    text_encoder = Gemma3ForConditionalGeneration(config)
    hidden, layers = config.text_config.hidden_size, config.text_config.num_hidden_layers
    transformer = LTX2VideoTransformer3DModel(
        in_channels=4,
        out_channels=4,
        patch_size=1,
        patch_size_t=1,
        num_attention_heads=2,
        attention_head_dim=8,
        cross_attention_dim=16,
        audio_in_channels=4,
        audio_out_channels=4,
        audio_num_attention_heads=2,
        audio_attention_head_dim=4,
        audio_cross_attention_dim=8,
        num_layers=1,
        qk_norm="rms_norm_across_heads",
        caption_channels=hidden,
        rope_double_precision=False,
        rope_type="split",
    )
    connectors = LTX2TextConnectors(
        caption_channels=hidden,
        text_proj_in_factor=layers + 1,
        video_connector_num_attention_heads=4,
        video_connector_attention_head_dim=8,
        video_connector_num_layers=1,
        video_connector_num_learnable_registers=None,
        audio_connector_num_attention_heads=4,
        audio_connector_attention_head_dim=8,
        audio_connector_num_layers=1,
        audio_connector_num_learnable_registers=None,
        connector_rope_base_seq_len=32,
        rope_theta=10000.0,
        rope_double_precision=False,
        causal_temporal_positioning=False,
        rope_type="split",
    )
    vae = AutoencoderKLLTX2Video(
        in_channels=3,
        out_channels=3,
        latent_channels=4,
        block_out_channels=(8,),
        decoder_block_out_channels=(8,),
        layers_per_block=(1,),
        decoder_layers_per_block=(1, 1),
        spatio_temporal_scaling=(True,),
        decoder_spatio_temporal_scaling=(True,),
        decoder_inject_noise=(False, False),
        downsample_type=("spatial",),
        upsample_residual=(False,),
        upsample_factor=(1,),
        timestep_conditioning=False,
        patch_size=1,
        patch_size_t=1,
        encoder_causal=True,
        decoder_causal=False,
    )
    audio_vae = AutoencoderKLLTX2Audio(
        base_channels=4,
        output_channels=2,
        ch_mult=(1,),
        num_res_blocks=1,
        attn_resolutions=None,
        in_channels=2,
        resolution=32,
        latent_channels=2,
        norm_type="pixel",
        causality_axis="height",
        dropout=0.0,
        mid_block_add_attention=False,
        sample_rate=16000,
        mel_hop_length=160,
        is_causal=True,
        mel_bins=8,
    )
    # 6·5·2·2·2 = 240 samples per mel frame: a 160-sample hop at 16 kHz becomes 24 kHz, as in LTX-2's vocoder.
    vocoder = LTX2Vocoder(
        in_channels=audio_vae.config.output_channels * audio_vae.config.mel_bins,
        hidden_channels=64,
        out_channels=2,
        upsample_kernel_sizes=[12, 10, 4, 4, 4],
        upsample_factors=[6, 5, 2, 2, 2],
        resnet_kernel_sizes=[3],
        resnet_dilations=[[1, 3, 5]],
        leaky_relu_negative_slope=0.1,
        output_sampling_rate=24000,
    )
    # diffusers' default init leaves a random vocoder's output set by its biases, whatever the mel; a fan-in
    # scaled init lets the model's audio latents through to the waveform, as trained weights do.
    _fan_in_init(audio_vae, seed=seed)
    _fan_in_init(vocoder, seed=seed)
    LTX2Pipeline(
        scheduler=FlowMatchEulerDiscreteScheduler(),
        vae=vae,
        audio_vae=audio_vae,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        connectors=connectors,
        transformer=transformer,
        vocoder=vocoder,
    ).save_pretrained(directory)
    _record_origin(directory, name=name, revision=revision)
    return directory


def save_tiny_consisid(directory: Path, *, seed: int = 0, name: str = "") -> Path:
    """ConsisID with random weights: a 1-layer T5, a 4-level CogVideoX VAE, a 1-layer transformer with its
    identity modules (local facial extractor over 2 ViT scales, a face cross-attention after every block).

    It renders 9 frames at 16x16 (its sample size: 2x2 latents, 8x spatial compression).
    """
    import torch
    from diffusers import AutoencoderKLCogVideoX, CogVideoXDPMScheduler, ConsisIDPipeline, ConsisIDTransformer3DModel
    from transformers import T5Config, T5EncoderModel

    torch.manual_seed(seed)
    tokenizer = t5_tokenizer()
    text_encoder = T5EncoderModel(
        T5Config(vocab_size=len(tokenizer), d_model=32, d_kv=8, d_ff=32, num_layers=1, num_heads=2)
    )
    transformer = ConsisIDTransformer3DModel(
        num_attention_heads=2,
        attention_head_dim=16,
        in_channels=8,
        out_channels=4,
        time_embed_dim=2,
        text_embed_dim=32,
        num_layers=1,
        sample_width=2,
        sample_height=2,
        sample_frames=9,
        patch_size=2,
        temporal_compression_ratio=4,
        max_text_seq_length=256,
        use_rotary_positional_embeddings=True,
        use_learned_positional_embeddings=True,
        cross_attn_interval=1,
        is_kps=False,
        is_train_face=True,
        cross_attn_dim_head=4,
        cross_attn_num_heads=2,
        LFE_id_dim=128,  # the id vector: exactly a dlib encoding here (1280 in the released model)
        LFE_vit_dim=8,
        LFE_depth=2,
        LFE_dim_head=4,
        LFE_num_heads=2,
        LFE_num_id_token=2,
        LFE_num_querie=2,
        LFE_output_dim=21,  # the face cross-attention's key width: 2/3 of the 32-wide inner dimension
        LFE_ff_mult=1,
        LFE_num_scale=2,
    )
    vae = AutoencoderKLCogVideoX(
        in_channels=3,
        out_channels=3,
        down_block_types=("CogVideoXDownBlock3D",) * 4,
        up_block_types=("CogVideoXUpBlock3D",) * 4,
        block_out_channels=(8, 8, 8, 8),
        latent_channels=4,
        layers_per_block=1,
        norm_num_groups=2,
        temporal_compression_ratio=4,
    )
    ConsisIDPipeline(
        tokenizer=tokenizer,
        text_encoder=text_encoder,
        vae=vae,
        transformer=transformer,
        scheduler=CogVideoXDPMScheduler(),
    ).save_pretrained(directory)
    _record_origin(directory, name=name, revision="")
    return directory


def _fan_in_init(module, *, seed: int) -> None:
    """Weights ~ N(0, 1/fan_in), biases zero: signals keep their scale from layer to layer."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, parameter in module.named_parameters():
            if parameter.ndim > 1:
                parameter.copy_(torch.randn(parameter.shape, generator=generator) / parameter[0].numel() ** 0.5)
            elif name.endswith("bias"):
                parameter.zero_()


def _record_origin(directory: Path, *, name: str, revision: str) -> None:
    """Write what a hub download leaves behind: the repo id in model_index.json, the commit in .cache/."""
    if name:
        index = directory / "model_index.json"
        data = json.loads(index.read_text())
        data["_name_or_path"] = name
        index.write_text(json.dumps(data, indent=2))
    if revision:
        metadata = directory / ".cache" / "huggingface" / "download" / "model_index.json.metadata"
        metadata.parent.mkdir(parents=True, exist_ok=True)
        metadata.write_text(f"{revision}\n\"etag\"\n0\n")

"""A MiniLM (BERT-architecture) encoder with a token-classification head, in plain PyTorch.

Written out here rather than taken from ``transformers`` so that running the shipped tagger
needs only torch and the tokenizer; the layer names follow BERT's checkpoints (see
``bert_key``), so the base weights load by name.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import torch
from torch import Tensor, nn
from torch.nn import functional


@dataclass(frozen=True)
class EncoderConfig:
    vocab_size: int = 30522
    hidden_size: int = 384
    layers: int = 6
    heads: int = 12
    intermediate_size: int = 1536
    max_positions: int = 512
    type_vocab_size: int = 2
    layer_norm_eps: float = 1e-12
    dropout: float = 0.1
    labels: int = 11

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Embeddings(nn.Module):
    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(config.vocab_size, config.hidden_size)
        self.position_embeddings = nn.Embedding(config.max_positions, config.hidden_size)
        self.token_type_embeddings = nn.Embedding(config.type_vocab_size, config.hidden_size)
        self.layer_norm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, ids: Tensor) -> Tensor:
        positions = torch.arange(ids.shape[1], device=ids.device)
        summed = (
            self.word_embeddings(ids)
            + self.position_embeddings(positions)[None]
            + self.token_type_embeddings.weight[0]
        )
        out: Tensor = self.dropout(self.layer_norm(summed))
        return out


class _SelfAttention(nn.Module):
    """Attention without dropout on its weights: on a CPU that dropout costs more than the
    rest of the forward pass, for no gain in a short fine-tuning."""

    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.heads = config.heads
        self.query = nn.Linear(config.hidden_size, config.hidden_size)
        self.key = nn.Linear(config.hidden_size, config.hidden_size)
        self.value = nn.Linear(config.hidden_size, config.hidden_size)

    def forward(self, hidden: Tensor, mask: Tensor) -> Tensor:
        batch, length, width = hidden.shape
        size = width // self.heads

        def split(x: Tensor) -> Tensor:
            return x.view(batch, length, self.heads, size).transpose(1, 2)

        out = functional.scaled_dot_product_attention(
            split(self.query(hidden)),
            split(self.key(hidden)),
            split(self.value(hidden)),
            attn_mask=mask,
        )
        return out.transpose(1, 2).reshape(batch, length, width)


class _Output(nn.Module):
    def __init__(self, config: EncoderConfig, width: int) -> None:
        super().__init__()
        self.dense = nn.Linear(width, config.hidden_size)
        self.layer_norm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, hidden: Tensor, residual: Tensor) -> Tensor:
        out: Tensor = self.layer_norm(self.dropout(self.dense(hidden)) + residual)
        return out


class _Attention(nn.Module):
    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.self_attention = _SelfAttention(config)
        self.output = _Output(config, config.hidden_size)

    def forward(self, hidden: Tensor, mask: Tensor) -> Tensor:
        out: Tensor = self.output(self.self_attention(hidden, mask), hidden)
        return out


class _Intermediate(nn.Module):
    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.intermediate_size)

    def forward(self, hidden: Tensor) -> Tensor:
        return functional.gelu(self.dense(hidden))


class _Layer(nn.Module):
    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.attention = _Attention(config)
        self.intermediate = _Intermediate(config)
        self.output = _Output(config, config.intermediate_size)

    def forward(self, hidden: Tensor, mask: Tensor) -> Tensor:
        attended = self.attention(hidden, mask)
        out: Tensor = self.output(self.intermediate(attended), attended)
        return out


class _Stack(nn.Module):
    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.layer = nn.ModuleList(_Layer(config) for _ in range(config.layers))

    def forward(self, hidden: Tensor, mask: Tensor) -> Tensor:
        for layer in self.layer:
            hidden = layer(hidden, mask)
        return hidden


class TokenTagger(nn.Module):
    """Label logits for every token of a batch of windows (ids padded with 0)."""

    def __init__(self, config: EncoderConfig) -> None:
        super().__init__()
        self.config = config
        self.embeddings = _Embeddings(config)
        self.encoder = _Stack(config)
        self.dropout = nn.Dropout(config.dropout)
        self.classifier = nn.Linear(config.hidden_size, config.labels)
        nn.init.normal_(self.classifier.weight, std=0.02)
        nn.init.zeros_(self.classifier.bias)

    def forward(self, ids: Tensor, attention: Tensor) -> Tensor:
        mask = attention[:, None, None, :].bool()
        hidden = self.encoder(self.embeddings(ids), mask)
        logits: Tensor = self.classifier(self.dropout(hidden))
        return logits


def bert_key(name: str) -> str:
    """Our parameter name for a BERT checkpoint's."""
    return name.replace("LayerNorm", "layer_norm").replace(".self.", ".self_attention.")


def load_base(model: TokenTagger, state: dict[str, Tensor]) -> list[str]:
    """Copy a BERT checkpoint's encoder weights into ``model``; the names left unfilled."""
    renamed = {bert_key(k): v for k, v in state.items()}
    own = model.state_dict()
    usable = {k: v for k, v in renamed.items() if k in own and own[k].shape == v.shape}
    model.load_state_dict(usable, strict=False)
    return sorted(set(own) - set(usable))


def parameter_count(model: nn.Module) -> int:
    return sum(math.prod(p.shape) for p in model.parameters())

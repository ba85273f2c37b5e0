"""Which credentials LiteLLM takes for a provider, as environment variables it reads.

The one table of LiteLLM's environment names (from its provider documentation and its code):
the export writes only references to them (`os.environ/NAME`), never a value.
"""

from __future__ import annotations

import re

from modelpick.frozen import frozen

ENV = "os.environ/"
"""How a LiteLLM config refers to an environment variable instead of holding a value."""


@frozen
class Credentials:
    """The `litellm_params` a LiteLLM provider takes its credentials in, as environment names."""

    params: tuple[tuple[str, str], ...]
    """(litellm_params key, environment variable)."""
    also: tuple[str, ...] = ()
    """Variables LiteLLM reads itself, with no litellm_params key of their own."""
    note: str | None = None


def _key(env: str) -> Credentials:
    return Credentials((("api_key", env),))


CREDENTIALS: dict[str, Credentials] = {
    # The environment names LiteLLM reads for each provider (its provider docs and code).
    "openai": _key("OPENAI_API_KEY"),
    "anthropic": _key("ANTHROPIC_API_KEY"),
    "deepinfra": _key("DEEPINFRA_API_KEY"),
    "fireworks_ai": _key("FIREWORKS_AI_API_KEY"),
    "together_ai": _key("TOGETHERAI_API_KEY"),
    "novita": _key("NOVITA_API_KEY"),
    "nebius": _key("NEBIUS_API_KEY"),
    "hyperbolic": _key("HYPERBOLIC_API_KEY"),
    "groq": _key("GROQ_API_KEY"),
    "mistral": _key("MISTRAL_API_KEY"),
    "deepseek": _key("DEEPSEEK_API_KEY"),
    "zai": _key("ZAI_API_KEY"),
    "nscale": _key("NSCALE_API_KEY"),
    "ovhcloud": _key("OVHCLOUD_API_KEY"),
    "scaleway": _key("SCW_SECRET_KEY"),
    "gemini": _key("GEMINI_API_KEY"),
    "meta_llama": _key("LLAMA_API_KEY"),
    "cloudflare": Credentials(
        (("api_key", "CLOUDFLARE_API_KEY"),), also=("CLOUDFLARE_ACCOUNT_ID",)
    ),
    "azure": Credentials(
        (("api_key", "AZURE_API_KEY"), ("api_base", "AZURE_API_BASE"),
         ("api_version", "AZURE_API_VERSION")),
        note="Azure OpenAI calls your deployment by its name: the part after `azure/` must "
        "be the deployment's name in your resource",
    ),
    "azure_ai": Credentials((("api_key", "AZURE_AI_API_KEY"), ("api_base", "AZURE_AI_API_BASE"))),
    "vertex_ai": Credentials(
        (("vertex_project", "VERTEXAI_PROJECT"), ("vertex_location", "VERTEXAI_LOCATION")),
        note="Google credentials come from Application Default Credentials or "
        "VERTEXAI_CREDENTIALS",
    ),
    "bedrock": Credentials(
        (("aws_access_key_id", "AWS_ACCESS_KEY_ID"),
         ("aws_secret_access_key", "AWS_SECRET_ACCESS_KEY"),
         ("aws_region_name", "AWS_REGION_NAME")),
        note="the region must serve this model (some need a cross-region inference profile)",
    ),
    "hosted_vllm": _key("HOSTED_VLLM_API_KEY"),
}

UNPREFIXED: dict[str, str] = {
    "openai": "openai", "anthropic": "anthropic", "aws-bedrock": "bedrock",
}
"""Catalog providers whose LiteLLM keys carry no `provider/` prefix, and LiteLLM's name for them
(LiteLLM finds them in its own price map: `gpt-5`, `claude-opus-4-7`, `anthropic.claude-...`)."""


def env_name(text: str) -> str:
    """`deepseek-ai/DeepSeek-V4-Flash` -> `DEEPSEEK_AI_DEEPSEEK_V4_FLASH`."""
    return re.sub(r"[^A-Z0-9]+", "_", text.upper()).strip("_")


def litellm_provider(key: str, provider: str | None) -> str:
    """LiteLLM's provider for a price-map key: its prefix, or the catalog provider's name."""
    if "/" in key:
        return key.split("/", 1)[0]
    return UNPREFIXED.get(provider or "", provider or "unknown")


def credentials(litellm: str) -> Credentials:
    """LiteLLM's documented variables for a provider, else MODELPICK_<PROVIDER>_API_KEY."""
    return CREDENTIALS.get(litellm) or _key(f"MODELPICK_{env_name(litellm)}_API_KEY")

"""`modelpick export`: a LiteLLM proxy configuration that LiteLLM's own router accepts, offline.

The renderer on hand-built fallbacks first, then the installed program, then the configuration
it writes for every example loaded by `litellm.Router` with LiteLLM's bundled price map
(LITELLM_LOCAL_MODEL_COST_MAP) and every socket refused. The LiteLLM tests skip where it is not
installed (it is a test-only dependency: pip install -e '.[test]').
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import socket
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
import yaml

from modelpick.catalog.loader import Catalog, load_catalog
from modelpick.engine import decide, resolve
from modelpick.engine.result import Advice, DeploymentMode, Failover, Route
from modelpick.inputs.answers import read_answers_file
from modelpick.report.litellm_config import (
    ExportWorkload,
    LitellmConfig,
    alias_of,
    render_litellm_config,
)
from modelpick.report.litellm_credentials import ENV, credentials, litellm_provider

Run = Callable[..., CompletedProcess[str]]
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ANSWERS = sorted(p for p in EXAMPLES.glob("*.yaml") if p.name != "portfolio.yaml")
PORTFOLIO = EXAMPLES / "portfolio.yaml"
TODAY = dt.date(2026, 11, 15)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(None)


def advice_for(path: Path, catalog: Catalog) -> Advice:
    groups = catalog.policy.region_groups
    given, doc = read_answers_file(path, groups=groups)
    resolved = resolve(given, origin=doc.file, doc=doc, groups=groups)
    return decide(resolved, catalog, TODAY, sensitivity=False)


def render(catalog: Catalog, *workloads: ExportWorkload) -> LitellmConfig:
    return render_litellm_config(workloads, source="test", catalog_version=catalog.meta.version,
                                 catalog_as_of=catalog.meta.as_of)


def route(kind: Any, key: str | None, *, model: str = "m", provider: str | None = "p",
          mode: DeploymentMode = DeploymentMode.HOSTED_OPEN) -> Route:
    return Route(kind=kind, model=model, name=f"Model {model}", mode=mode, provider=provider,
                 provider_name=f"Provider {provider}", litellm_key=key, blended_per_mtok=0.2,
                 share=0.05, monthly_cost_usd=12.5, reason=f"because {kind}")


def loaded(config: LitellmConfig) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(config.text)  # what LiteLLM's proxy reads it with
    return data


def params_of(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {entry["model_name"]: entry["litellm_params"] for entry in data["model_list"]}


def chains(data: dict[str, Any]) -> dict[str, list[str]]:
    return {k: v for entry in data["router_settings"]["fallbacks"] for k, v in entry.items()}


# --- the renderer ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def triage(catalog: Catalog) -> Advice:
    advice = advice_for(EXAMPLES / "support-ticket-triage.yaml", catalog)
    assert advice.primary is not None and advice.primary.providers[0].litellm_key
    return advice


def test_the_pick_and_each_route_get_a_model_name_and_fallbacks_in_order(
    catalog: Catalog, triage: Advice
) -> None:
    failover = Failover(provider=route("provider", "novita/openai/gpt-oss-120b", provider="novita"),
                        retry_model=route("retry_model", "groq/openai/gpt-oss-20b"),
                        overflow=route("overflow", "together_ai/openai/gpt-oss-120b"))
    config = render(catalog, ExportWorkload("Support-ticket triage",
                                            dataclasses.replace(triage, failover=failover)))
    assert config.errors == () and config.warnings == ()
    data = loaded(config)
    params = params_of(data)
    base = "support-ticket-triage"
    assert list(params) == [base, f"{base}-failover", f"{base}-retry", f"{base}-overflow"]
    assert triage.primary is not None
    assert params[base]["model"] == triage.primary.providers[0].litellm_key
    assert params[f"{base}-retry"]["model"] == "groq/openai/gpt-oss-20b"  # exactly as recorded
    assert chains(data) == {base: [f"{base}-failover", f"{base}-retry", f"{base}-overflow"]}
    assert "because retry_model" in config.text and "$12.50/month" in config.text
    assert set(config.aliases) == set(params)


def test_a_route_without_a_key_is_left_out_with_a_warning(
    catalog: Catalog, triage: Advice
) -> None:
    failover = Failover(provider=route("provider", None, model="gpt-oss-120b"),
                        retry_model=None, overflow=None)
    config = render(catalog, ExportWorkload("Triage", dataclasses.replace(triage,
                                                                          failover=failover)))
    assert config.errors == ()
    assert [w for w in config.warnings if "'Triage'" in w and "Model gpt-oss-120b" in w]
    data = loaded(config)
    assert list(params_of(data)) == ["triage"]
    assert data["router_settings"]["fallbacks"] == []
    assert "# provider failover Model gpt-oss-120b" in config.text  # said in the file too


def test_a_pick_without_a_key_is_an_error_naming_the_workload_and_model(
    catalog: Catalog, triage: Advice
) -> None:
    assert triage.primary is not None
    price = dataclasses.replace(triage.primary.providers[0], litellm_key=None)
    primary = dataclasses.replace(triage.primary, providers=(price,))
    config = render(catalog, ExportWorkload("Triage", dataclasses.replace(triage,
                                                                          primary=primary), 7))
    [problem] = config.errors
    assert (problem.workload, problem.line) == ("Triage", 7)
    assert triage.primary.name in problem.message and price.provider_name in problem.message


def test_a_workload_without_a_pick_is_left_out_with_a_warning(
    catalog: Catalog, triage: Advice
) -> None:
    nothing = dataclasses.replace(triage, primary=None, failover=None)
    config = render(catalog, ExportWorkload("Voice on-prem", nothing),
                    ExportWorkload("Triage", triage))
    assert config.errors == ()
    assert [w for w in config.warnings if "'Voice on-prem'" in w]
    assert loaded(config)["model_list"][0]["model_name"] == "triage"
    assert "# Voice on-prem: left out" in config.text


def test_a_self_hosted_pick_is_a_vllm_endpoint_from_the_environment(catalog: Catalog) -> None:
    advice = advice_for(EXAMPLES / "healthcare-onprem.yaml", catalog)
    assert advice.primary is not None and advice.primary.hardware is not None
    checkpoint = advice.primary.hardware.checkpoint
    assert checkpoint
    config = render(catalog, ExportWorkload("On-prem", advice))
    params = params_of(loaded(config))["on-prem"]
    assert params["model"] == f"hosted_vllm/{checkpoint}"
    assert params["api_base"].startswith(ENV + "MODELPICK_VLLM_")
    assert params["api_base"].removeprefix(ENV) in config.text.split("model_list:")[0]


def test_a_self_hosted_retry_serves_its_checkpoint(catalog: Catalog) -> None:
    advice = advice_for(EXAMPLES / "healthcare-onprem.yaml", catalog)
    assert advice.failover is not None
    retry = advice.failover.retry_model
    assert retry is not None and retry.mode is DeploymentMode.SELF_HOSTED and retry.checkpoint
    params = params_of(loaded(render(catalog, ExportWorkload("On-prem", advice))))
    assert params["on-prem-retry"]["model"] == f"hosted_vllm/{retry.checkpoint}"
    unnamed = dataclasses.replace(retry, checkpoint=None)
    advice = dataclasses.replace(advice, failover=Failover(None, unnamed, None))
    params = params_of(loaded(render(catalog, ExportWorkload("On-prem", advice))))
    assert "on-prem-retry" not in params  # left out (with a warning): nothing to serve


def test_aliases_are_unique_and_every_fallback_names_a_model(
    catalog: Catalog, triage: Advice
) -> None:
    failover = Failover(provider=route("provider", "novita/openai/gpt-oss-120b"),
                        retry_model=None, overflow=None)
    advice = dataclasses.replace(triage, failover=failover)
    names = ["Triage", "triage!", "Triage failover", "", "Überprüfung"]
    data = loaded(render(catalog, *(ExportWorkload(n, advice) for n in names)))
    aliases = [entry["model_name"] for entry in data["model_list"]]
    assert len(aliases) == len(set(aliases)) == 2 * len(names)
    assert {"triage", "triage-2", "triage-failover", "workload", "uberprufung"} <= set(aliases)
    for workload, chain in chains(data).items():
        assert workload in aliases and set(chain) <= set(aliases)


def test_a_workload_name_cannot_escape_its_comment(catalog: Catalog, triage: Advice) -> None:
    name = "x\nmodel_list: []\n# \r\u2028evil: true"
    config = render(catalog, ExportWorkload(name, dataclasses.replace(triage, failover=None)))
    data = loaded(config)
    assert set(data) == {"model_list", "router_settings"}
    assert [entry["model_name"] for entry in data["model_list"]] == ["x-model-list-evil-true"]


def test_credentials_are_only_environment_references(catalog: Catalog) -> None:
    workloads = [ExportWorkload(p.stem, advice_for(p, catalog)) for p in ANSWERS]
    config = render(catalog, *workloads)
    header = config.text.split("model_list:")[0]
    for params in params_of(loaded(config)).values():
        for name, value in params.items():
            if name != "model":
                assert value.startswith(ENV), (name, value)
                assert f"#   {value.removeprefix(ENV)}\n" in header


# --- the installed program ------------------------------------------------------------------


def test_stdout_and_output_file_hold_the_same_configuration(modelpick: Run,
                                                             tmp_path: Path) -> None:
    answers = EXAMPLES / "support-ticket-triage.yaml"
    printed = modelpick("export", "--answers", answers)
    assert printed.returncode == 0, printed.stderr
    out = tmp_path / "litellm.yaml"
    written = modelpick("export", "--answers", answers, "--output", out, "--format", "litellm")
    assert written.returncode == 0, written.stderr
    assert written.stdout == ""
    assert out.read_text(encoding="utf-8") == printed.stdout
    assert f"from the answers in {answers}" in printed.stdout


def test_an_existing_output_is_refused_without_force(modelpick: Run, tmp_path: Path) -> None:
    out = tmp_path / "litellm.yaml"
    out.write_text("keep me\n")
    proc = modelpick("export", "--portfolio", PORTFOLIO, "--output", out)
    assert proc.returncode == 2 and "already exists" in proc.stderr and "--force" in proc.stderr
    assert out.read_text() == "keep me\n"
    proc = modelpick("export", "--portfolio", PORTFOLIO, "--output", out, "--force")
    assert proc.returncode == 0, proc.stderr
    assert "model_list:" in out.read_text()


@pytest.mark.parametrize("args", [[], ["--answers", "a.yaml", "--portfolio", "p.yaml"]])
def test_one_input_exactly(modelpick: Run, args: list[str]) -> None:
    proc = modelpick("export", *args)
    assert proc.returncode == 2 and "--answers" in proc.stderr and "--portfolio" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_answers_name_file_line_and_key(modelpick: Run, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("workload: w\nmonthly_tokenz: 5\n")
    out = tmp_path / "out.yaml"
    proc = modelpick("export", "--answers", answers, "--output", out)
    assert proc.returncode == 2 and proc.stdout == ""
    assert f"{answers}:2" in proc.stderr and "monthly_tokenz" in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()


def test_a_bad_portfolio_workload_is_named_and_nothing_is_written(
    modelpick: Run, tmp_path: Path
) -> None:
    estate = tmp_path / "estate.yaml"
    estate.write_text("workloads:\n  - workload: good\n  - workload: bad\n    task: teleport\n")
    out = tmp_path / "out.yaml"
    proc = modelpick("export", "--portfolio", estate, "--output", out)
    assert proc.returncode == 2
    assert f"{estate}:4" in proc.stderr and "'bad'" in proc.stderr and "'task'" in proc.stderr
    assert not out.exists()


def test_an_output_on_its_input_is_refused(modelpick: Run, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("workload: w\ncost_dominant: true\n")
    proc = modelpick("export", "--answers", answers, "--output", answers, "--force")
    assert proc.returncode == 2 and answers.read_text() == "workload: w\ncost_dominant: true\n"


def test_a_pick_the_catalog_cannot_name_is_exit_2(modelpick: Run, tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    for source in (ROOT / "catalog").glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        if source.name == "providers.yaml":  # the triage pick's price loses its key
            text = text.replace("\n    litellm_key: deepinfra/openai/gpt-oss-120b\n", "\n")
        (catalog / source.name).write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    proc = modelpick("export", "--answers", EXAMPLES / "support-ticket-triage.yaml",
                     "--catalog", catalog, "--output", out)
    assert proc.returncode == 2, proc.stderr
    assert "'Support-ticket triage'" in proc.stderr and "gpt-oss-120b" in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()


def test_a_decision_record_exports_like_its_answers(modelpick: Run, tmp_path: Path) -> None:
    answers = EXAMPLES / "rag-chatbot.yaml"
    made = modelpick("adr", "new", "--answers", answers, "--dir", tmp_path)
    assert made.returncode == 0, made.stderr
    [record] = tmp_path.glob("0001-*.md")
    from_record = modelpick("export", "--answers", record)
    from_answers = modelpick("export", "--answers", answers)
    assert from_record.returncode == from_answers.returncode == 0, from_record.stderr
    body = from_answers.stdout.split("model_list:")[1]
    assert from_record.stdout.split("model_list:")[1] == body


# --- LiteLLM itself -------------------------------------------------------------------------


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """LiteLLM's lazy imports warn (pydantic, on LiteLLM's own types): not modelpick's to fix,
    and pytest turns every warning into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


@pytest.fixture(scope="module")
def litellm() -> Iterator[Any]:
    """LiteLLM with its bundled price map; skipped where it is not installed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # before the import: no download
        try:
            with quiet():
                import litellm
        except ImportError:
            pytest.skip("litellm is not installed (a test-only dependency: "
                        "pip install -e '.[test]')")
        yield litellm


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach the network fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network use: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def exported(modelpick: Run, tmp_path: Path, *args: str | Path) -> dict[str, Any]:
    out = tmp_path / "litellm.yaml"
    proc = modelpick("export", *args, "--output", out)
    assert proc.returncode == 0, proc.stderr
    data: dict[str, Any] = yaml.safe_load(out.read_text(encoding="utf-8"))
    return data


def check_with_router(litellm: Any, data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Every model_name and fallback resolves in LiteLLM's router, with its credentials."""
    params = params_of(data)
    for value in {v for p in params.values() for k, v in p.items() if k != "model"}:
        monkeypatch.setenv(value.removeprefix(ENV), f"set:{value}")
    from litellm.router_api import fallback_chain

    with quiet():
        router = litellm.Router(model_list=data["model_list"], **data["router_settings"])
    registry = router.registry()
    assert set(registry.names()) == set(params)
    for name, wanted in params.items():
        [deployment] = registry.deployments(name)
        resolved = deployment["litellm_params"]
        assert resolved["model"] == wanted["model"]
        for key, value in wanted.items():
            if key != "model":  # each reference read from the environment
                assert resolved[key] == f"set:{value}", (name, key)
        model = wanted["model"]
        with quiet():
            _, provider, _, _ = litellm.get_llm_provider(model)
        assert provider == litellm_provider(model, None) or "/" not in model
        if provider != "hosted_vllm":
            assert model in litellm.model_cost, model  # the price map's own key
    configured = router.settings().fallbacks or []  # the router keeps no empty list
    assert configured == data["router_settings"]["fallbacks"]
    for workload, chain in chains(data).items():
        assert workload in params and chain and set(chain) <= set(params)
        assert fallback_chain(configured, workload)[0] == chain


@pytest.mark.parametrize("answers", ANSWERS, ids=lambda p: p.stem)
def test_litellm_routes_every_example(
    litellm: Any, offline: None, modelpick: Run, tmp_path: Path, answers: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    check_with_router(litellm, exported(modelpick, tmp_path, "--answers", answers), monkeypatch)


def test_litellm_routes_the_portfolio_with_its_fallbacks(
    litellm: Any, offline: None, modelpick: Run, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = exported(modelpick, tmp_path, "--portfolio", PORTFOLIO)
    workloads = yaml.safe_load(PORTFOLIO.read_text(encoding="utf-8"))["workloads"]
    names = {entry["model_name"] for entry in data["model_list"]}
    assert {alias_of(w["workload"]) for w in workloads} <= names  # every workload is routed
    assert len(chains(data)) >= len(workloads) // 2  # most have a fallback
    check_with_router(litellm, data, monkeypatch)


def test_every_catalog_key_gets_the_credentials_of_litellms_provider(
    litellm: Any, offline: None, catalog: Catalog
) -> None:
    for price in catalog.prices:
        if price.litellm_key is None:
            continue
        with quiet():
            _, provider, _, _ = litellm.get_llm_provider(price.litellm_key)
        assert litellm_provider(price.litellm_key, price.provider) == provider, price.litellm_key
        assert not credentials(provider).params[0][1].startswith("MODELPICK_"), provider

"""Which texts the fast YAML reader may read: none with a tag, anchor, alias or merge key."""

from __future__ import annotations

import pytest

from modelpick import yamlfile


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: [*x]\n",
        "a: {b: !t 1}\n",
        "- &a\n  b: 1\n",
        "--- !tag\na: 1\n",
        "a:\n  *x\n",
        "k: [a, *b]\n",
        "? &k a\n: 1\n",
        "a:\t&x 1\n",
        "<<: *x\n",
        "a: !!python/object/apply:os.system ['true']\n",
        "&top\na: 1\n",
        "a:\r\n  *x\r\n",
        '{"a":*x}\n',
    ],
)
def test_node_properties_and_aliases_go_to_the_strict_reader(text: str) -> None:
    assert yamlfile._not_plain(text)


@pytest.mark.parametrize(
    "text",
    [
        "note: head_dim 128 x 32 = 4096 != hidden 5120\n",
        'note: \'"mlp_layer_types": ["dense"] + ["sparse"] * 45\'\n',
        "note: (vLLM & Red Hat)\n",
        "note: '< 90 * 1024: # H100'\n",
        "# marked * in its datasheets\na: 1\n",
        'c: "x * y"\n',
    ],
)
def test_stars_and_ampersands_in_running_text_stay_fast(text: str) -> None:
    assert not yamlfile._not_plain(text)
    strict = yamlfile._ryaml
    yamlfile._ryaml = None
    try:
        expected = yamlfile.load_yaml_text(text, "f.yaml").data
    finally:
        yamlfile._ryaml = strict
    assert yamlfile.load_yaml_text(text, "f.yaml").data == expected

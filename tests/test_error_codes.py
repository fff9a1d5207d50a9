"""signalwire_logs.error_codes.explain and the table generated from SignalWire's error pages."""

from __future__ import annotations

import re
import shutil
import sys
import tomllib
from pathlib import Path

import pytest

from signalwire_logs._error_codes import CODES
from signalwire_logs.error_codes import ErrorCode, explain

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import generate_error_codes

SOURCES = ROOT / "spec" / "error-codes"


def test_every_documented_code_is_in_the_table() -> None:
    for page in ("compatibility-api.mdx", "apis.mdx"):
        text = (SOURCES / page).read_text(encoding="utf-8")
        for code in re.findall(r'<ParamField path="([^"]+)"', text):
            assert explain(code).documented, code
    assert len(CODES) == 367


def test_a_log_code_explained() -> None:
    info = explain(30007)
    assert info == explain("30007") == explain(" 30007 ")
    assert info.documented and info.kind == "error" and info.api == "compatibility"
    assert info.meaning == "Filtered by the carrier as spam or disallowed content"
    assert info.action and "campaign" in info.action
    assert info.url == "https://signalwire.com/docs/compatibility-api/rest/error-codes#30007"
    text = str(info)
    assert text.startswith("30007: Filtered") and "What to do: " in text and info.url in text


def test_other_numeric_codes_have_our_short_names() -> None:
    info = explain("21612")
    assert info.meaning == "Unsupported media type"  # guidance.toml [names], not the page's
    assert info.action is None
    warning = explain("13000")
    assert warning.kind == "warning" and "(listed as a warning)" in str(warning)
    names = tomllib.loads((SOURCES / "guidance.toml").read_text(encoding="utf-8"))["names"]
    assert all(len(name.split()) <= 7 for name in names.values())


def test_named_codes_are_their_own_names() -> None:
    info = explain("authblock_is_invalid")
    assert info.api == "rest" and info.url == (
        "https://signalwire.com/docs/apis/error-codes#authblock_is_invalid"
    )
    assert info.meaning == "Authblock is invalid"


def test_no_cause_sentence_of_signalwire_is_in_the_table() -> None:
    # The pages' sentences are CC BY-NC-SA: the table, which ships in the MIT wheel, holds
    # codes, kinds and links, and our words (tests/test_licence.py checks the whole wheel).
    for page in ("compatibility-api.mdx", "apis.mdx"):
        text = (SOURCES / page).read_text(encoding="utf-8")
        url = generate_error_codes.PAGES[page][1]
        for code, (_, _, causes, _) in generate_error_codes.parse(text, "x", url).items():
            entry = CODES[code]
            assert not set(causes) & set(entry), code


@pytest.mark.parametrize("code", ["34004", "99999", "", "not_a_code"])
def test_unknown_codes_say_so(code: str) -> None:
    info = explain(code)
    assert info == ErrorCode(code, documented=False, meaning=info.meaning)
    assert info.meaning.startswith("not in SignalWire's documented error codes (signalwire/docs@")


def test_guidance_only_for_documented_codes() -> None:
    guidance = tomllib.loads((SOURCES / "guidance.toml").read_text(encoding="utf-8"))["codes"]
    for code, advice in guidance.items():
        assert explain(code).meaning == advice["meaning"]
    assert {"30001", "30003", "30005", "30006", "30007", "21610"} <= set(guidance)


def test_generator_refuses_guidance_for_an_undocumented_code(tmp_path: Path) -> None:
    copy = tmp_path / "codes"
    shutil.copytree(SOURCES, copy)
    with (copy / "guidance.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[codes.34004]\nmeaning = "Fax dropped"\naction = "Resend"\n')
    with pytest.raises(SystemExit, match="34004, which SignalWire does not document"):
        generate_error_codes.build(copy)


def test_the_former_module_name_still_imports_the_same_names() -> None:
    # signalwire_logs.errors was renamed error_codes (it holds codes, not exceptions).
    from signalwire_logs import errors

    assert errors.explain is explain
    assert errors.ErrorCode is ErrorCode
    assert errors.__all__ == ["ErrorCode", "explain"]

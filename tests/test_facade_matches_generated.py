"""The facade and the generated layer cannot drift apart.

Everything here is enumerated from `generated/` and `spec/openapi.yaml`, so an endpoint added
to the spec fails these tests until the facade reaches it, without editing this file.
"""

from __future__ import annotations

import importlib
import inspect
import keyword
import pkgutil
import re
import uuid
from types import ModuleType
from typing import Any, Generic, TypeVar, get_args, get_origin, get_type_hints

import httpx
import pytest

import signalwire_logs_api.api
import signalwire_logs_api.models
from signalwire_logs import APIStatusError, AsyncSignalWireLogs

from helpers import facade_methods, make_async_client, make_client

MODELS = vars(signalwire_logs_api.models)
CLIENTS = [make_client, make_async_client]


def _generated_operations() -> list[ModuleType]:
    api = signalwire_logs_api.api
    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(api.__path__, api.__name__ + ".")
        if not info.ispkg
    ]


def _snake(name: str) -> str:
    """A spec parameter's Python name, as the generator makes it (`From` -> `from_`)."""
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    return snake + "_" if keyword.iskeyword(snake) else snake


def _spec_operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Generated module name -> spec operation (with parameter $refs resolved)."""
    operations = {}
    for item in spec["paths"].values():
        for operation in item.values():
            params = []
            for param in operation.get("parameters", []):
                if "$ref" in param:
                    param = spec["components"]["parameters"][param["$ref"].rsplit("/", 1)[1]]
                params.append(param)
            operations[operation["operationId"].replace("-", "_")] = {**operation, "params": params}
    return operations


def _module_name(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[1]


def test_the_generated_layer_has_every_spec_operation(spec: dict[str, Any]) -> None:
    generated = {_module_name(m) for m in _generated_operations()}
    assert generated == set(_spec_operations(spec))
    assert len(generated) >= 5


@pytest.mark.parametrize("factory", CLIENTS)
def test_every_generated_operation_is_reachable(factory: Any) -> None:
    methods = facade_methods(factory(lambda r: httpx.Response(500)))
    missing = [m.__name__ for m in _generated_operations() if m not in methods]
    assert missing == [], f"no facade method calls {missing}"


def _dummy_arguments(method: Any) -> dict[str, Any]:
    arguments = {}
    for name, param in inspect.signature(method).parameters.items():
        if param.default is inspect.Parameter.empty:
            arguments[name] = str(uuid.uuid4())
    return arguments


@pytest.mark.anyio
@pytest.mark.parametrize("factory", CLIENTS)
async def test_each_facade_method_sends_the_generated_request(factory: Any) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(404, json={"error": "Not Found"})

    client = factory(handler, max_retries=0)
    for operation, method in facade_methods(client).items():
        arguments = _dummy_arguments(method)
        seen.clear()
        with pytest.raises(APIStatusError):
            result = method(**arguments)
            if inspect.isawaitable(result):
                await result
            elif hasattr(result, "__aiter__") and isinstance(client, AsyncSignalWireLogs):
                [item async for item in result]
            else:
                list(result)
        (request,) = seen
        expected = dict(arguments)
        if "account_sid" in inspect.signature(operation._get_kwargs).parameters:
            expected.setdefault("account_sid", client.project_id)
        assert request.url.path == operation._get_kwargs(**expected)["url"], operation.__name__
        assert request.method == operation._get_kwargs(**expected)["method"].upper()


@pytest.mark.parametrize("factory", CLIENTS)
def test_facade_methods_take_every_spec_parameter(factory: Any, spec: dict[str, Any]) -> None:
    operations = _spec_operations(spec)
    for module, method in facade_methods(factory(lambda r: httpx.Response(500))).items():
        operation = operations[_module_name(module)]
        accepted = set(inspect.signature(method).parameters)
        generated = set(inspect.signature(module._get_kwargs).parameters)
        for param in operation["params"]:
            name = _snake(param["name"])
            assert name in accepted, f"{method.__qualname__} lacks {name}"
            assert name in generated
            if param["in"] == "query":
                assert f"{name}:" in (method.__doc__ or ""), f"{method.__qualname__} docs {name}"


def _bind(cls: type, hint: Any) -> Any:
    """Resolve the type variables in `hint` to what `cls` and its generic bases bind them to."""
    return _substitute(hint, _type_arguments(cls))


def _type_arguments(cls: type) -> dict[Any, Any]:
    """Every type variable of `cls`'s generic ancestors, in terms of `cls`'s own parameters."""
    bound: dict[Any, Any] = {}
    for base in getattr(cls, "__orig_bases__", ()):
        origin = get_origin(base) or base
        if origin is Generic:
            continue
        arguments = dict(zip(getattr(origin, "__parameters__", ()), get_args(base), strict=False))
        inherited = _type_arguments(origin)
        bound.update({var: _substitute(hint, arguments) for var, hint in inherited.items()})
        bound.update(arguments)
    return bound


def _substitute(hint: Any, bound: dict[Any, Any]) -> Any:
    if isinstance(hint, TypeVar):
        return bound.get(hint, hint)
    if get_args(hint) and get_origin(hint) is not None:
        return get_origin(hint)[tuple(_substitute(arg, bound) for arg in get_args(hint))]
    return hint


@pytest.mark.parametrize("factory", CLIENTS)
def test_facade_methods_return_the_generated_models(factory: Any) -> None:
    for module, method in facade_methods(factory(lambda r: httpx.Response(500))).items():
        generated = get_args(get_type_hints(module._parse_response, localns=MODELS)["return"])
        returned = _bind(type(method.__self__), get_type_hints(method, localns=MODELS)["return"])
        if method.__name__ == "list":
            list_model = method.__self__._list_model
            assert list_model in generated, module.__name__
            (item,) = get_args(returned)
            item = _bind(type(method.__self__), item)
            # The one list field of the envelope holds the records (`data`, cXML `messages`).
            hints = get_type_hints(list_model, localns=MODELS)
            (records,) = [h for h in hints.values() if get_origin(h) is list]
            assert item is get_args(records)[0], module.__name__
        else:
            assert returned in generated, module.__name__
            assert returned.__module__.startswith("signalwire_logs_api.models")

"""A griffe extension for the API reference (mkdocs.yml: mkdocstrings `extensions:`).

The reference shows each public class with the methods it inherits from private generic
bases (``MessageLogs.list`` is defined once, in ``_LogList``, for every family and both
clients). Rendered as they are written, those signatures would read ``-> _PagerT`` and
``client: _HttpxClientT``, and their defaults ``DEFAULT_MAX_RETRIES``: names a reader cannot
look up. This extension rewrites what the reference shows, never the code:

- an inherited method or property of a public class is copied into that class with the base's
  type variables replaced by what the class binds them to (``SyncPaginator[MessageLog]``);
- a public generic class shows its own type variable as ``T`` (``Page[T]``, ``items: list[T]``),
  not as the private name it has in the code (``_ItemT``);
- a default that names a constant of a private module is shown as the constant's value
  (``2``, ``32 * 1024 * 1024``), and so is a type alias defined in a private module and not
  exported (``float | httpx.Timeout | None``);
- a constructor's ``NOT_GIVEN`` default is shown as the default it stands for, when
  ``signalwire_logs._constants`` names one (``DEFAULT_TIMEOUT`` for ``timeout``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import griffe

_PACKAGE = "signalwire_logs"
_CONSTANTS = "signalwire_logs._constants"

#: A type-variable substitution: the canonical path of a TypeVar -> what replaces it.
Env = dict[str, Any]


class ReferenceSignatures(griffe.Extension):
    """Rewrites signatures of the public API for the reader (see the module docstring)."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        if pkg.name != _PACKAGE:
            return
        classes = list(_public_classes(pkg))
        for cls in classes:
            _bind_inherited(cls)
        for cls in classes:
            _rename_type_parameters(cls)
        for cls in classes:
            for member in list(cls.members.values()):
                if isinstance(member, griffe.Function):
                    _readable_signature(member, pkg)
        for function in _public_functions(pkg):
            _readable_signature(function, pkg)


# -- walking the package --------------------------------------------------------------------


def _public_classes(module: griffe.Module) -> Iterator[griffe.Class]:
    for member in module.members.values():
        if isinstance(member, griffe.Alias):
            continue
        if isinstance(member, griffe.Module):
            yield from _public_classes(member)
        elif isinstance(member, griffe.Class) and not member.name.startswith("_"):
            yield member


def _public_functions(module: griffe.Module) -> Iterator[griffe.Function]:
    for member in module.members.values():
        if isinstance(member, griffe.Alias):
            continue
        if isinstance(member, griffe.Module):
            yield from _public_functions(member)
        elif isinstance(member, griffe.Function) and not member.name.startswith("_"):
            yield member


# -- type variables ---------------------------------------------------------------------------


def _resolve(expr: Any) -> griffe.Object | None:
    if not isinstance(expr, griffe.ExprName | griffe.ExprAttribute):
        return None
    try:
        target = expr.parent.modules_collection[expr.canonical_path]  # type: ignore[union-attr]
    except (AttributeError, KeyError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None
    try:
        return target.final_target if isinstance(target, griffe.Alias) else target
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None


def _is_typevar(expr: Any) -> bool:
    target = _resolve(expr)
    value = getattr(target, "value", None)
    return (
        isinstance(target, griffe.Attribute)
        and isinstance(value, griffe.ExprCall)
        and str(value.function).endswith("TypeVar")
    )


def _names(expr: Any) -> Iterator[griffe.ExprName]:
    if isinstance(expr, griffe.Expr):
        for part in expr.iterate(flat=True):
            if isinstance(part, griffe.ExprName):
                yield part


def _type_parameters(cls: griffe.Class) -> list[str]:
    """The class's type variables, in order: from ``Generic[...]``/``Protocol[...]`` if a base
    names them, else in the order they first appear in the bases (as typing does)."""
    for base in cls.bases:
        if isinstance(base, griffe.ExprSubscript) and str(base.left).split(".")[-1] in (
            "Generic",
            "Protocol",
        ):
            return [n.canonical_path for n in _names(base.slice) if _is_typevar(n)]
    found: list[str] = []
    for base in cls.bases:
        for name in _names(base):
            if _is_typevar(name) and name.canonical_path not in found:
                found.append(name.canonical_path)
    return found


def _arguments(expr: Any) -> list[Any]:
    if isinstance(expr, griffe.ExprTuple):
        return list(expr.elements)
    return [expr]


def _substitute(expr: Any, env: Env) -> Any:
    """``expr`` with every type variable of ``env`` replaced (a new expression; no sharing)."""
    if isinstance(expr, griffe.ExprName):
        return env.get(expr.canonical_path, expr) if env else expr
    if not isinstance(expr, griffe.Expr) or not dataclasses.is_dataclass(expr):
        return expr
    changes = {}
    for field in dataclasses.fields(expr):
        if field.name == "parent":
            continue
        value = getattr(expr, field.name)
        if isinstance(value, list):
            changes[field.name] = [_substitute(item, env) for item in value]
        elif isinstance(value, griffe.Expr):
            changes[field.name] = _substitute(value, env)
    return dataclasses.replace(expr, **changes)


def _ancestor_envs(cls: griffe.Class) -> dict[str, tuple[griffe.Class, Env]]:
    """Each ancestor of ``cls`` (by path) with what ``cls`` binds its type variables to."""
    found: dict[str, tuple[griffe.Class, Env]] = {}

    def visit(klass: griffe.Class, env: Env) -> None:
        for base in klass.bases:
            left, args = (
                (base.left, _arguments(base.slice))
                if isinstance(base, griffe.ExprSubscript)
                else (base, [])
            )
            target = _resolve(left)
            if not isinstance(target, griffe.Class) or target.path in found:
                continue
            bound = [_substitute(arg, env) for arg in args]
            base_env = dict(zip(_type_parameters(target), bound, strict=False))
            found[target.path] = (target, base_env)
            visit(target, base_env)

    visit(cls, {})
    return found


def _copy_function(function: griffe.Function, env: Env) -> griffe.Function:
    parameters = griffe.Parameters(
        *(
            griffe.Parameter(
                p.name,
                annotation=_substitute(p.annotation, env),
                kind=p.kind,
                default=p.default,
                docstring=p.docstring,
            )
            for p in function.parameters
        )
    )
    docstring = function.docstring
    copy = griffe.Function(
        function.name,
        lineno=function.lineno,
        endlineno=function.endlineno,
        parameters=parameters,
        returns=_substitute(function.returns, env),
        decorators=function.decorators,
        docstring=griffe.Docstring(
            docstring.value,
            lineno=docstring.lineno,
            endlineno=docstring.endlineno,
            parser=docstring.parser,
            parser_options=docstring.parser_options,
        )
        if docstring
        else None,
        runtime=function.runtime,
    )
    copy.labels = set(function.labels)
    return copy


def _bind_inherited(cls: griffe.Class) -> None:
    """Copy into ``cls`` each inherited method whose signature uses a type variable that
    ``cls`` binds (or ``Self``), with the variable replaced."""
    envs = _ancestor_envs(cls)
    for name, alias in cls.inherited_members.items():
        try:
            member = alias.final_target
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            continue
        owner = member.parent
        if not isinstance(member, griffe.Function) or owner is None or owner.path not in envs:
            continue
        # `-> Self` on a base is the class itself (`with_options` returns a SignalWireLogs).
        env = {**envs[owner.path][1], "typing.Self": griffe.ExprName(cls.name, parent=cls.parent)}
        if any(n.canonical_path in env for n in _signature_names(member)):
            cls.set_member(name, _copy_function(member, env))


def _signature_names(function: griffe.Function) -> Iterator[griffe.ExprName]:
    for parameter in function.parameters:
        yield from _names(parameter.annotation)
    yield from _names(function.returns)


def _rename_type_parameters(cls: griffe.Class) -> None:
    """Show the class's private type variables by public names: ``T`` when there is one,
    else the name without its underscore."""
    private = [path for path in _type_parameters(cls) if path.rsplit(".", 1)[-1].startswith("_")]
    if not private:
        return
    env: Env = {
        path: griffe.ExprName("T" if len(private) == 1 else path.rsplit(".", 1)[-1].lstrip("_"))
        for path in private
    }
    cls.bases = [_substitute(base, env) for base in cls.bases]
    for member in list(cls.members.values()):
        if isinstance(member, griffe.Function):
            for parameter in member.parameters:
                parameter.annotation = _substitute(parameter.annotation, env)
            member.returns = _substitute(member.returns, env)
        elif isinstance(member, griffe.Attribute):
            member.annotation = _substitute(member.annotation, env)


# -- defaults and private aliases -------------------------------------------------------------


def _is_private(path: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in path.split("."))


def _exported(pkg: griffe.Module, name: str) -> bool:
    return name in {str(export) for export in pkg.exports or ()}


def _readable(expr: Any, pkg: griffe.Module) -> Any:
    """A name of a private module's constant or type alias, replaced by its value."""
    if isinstance(expr, griffe.ExprName):
        target = _resolve(expr)
        if (
            isinstance(target, griffe.Attribute)
            and target.value is not None
            and _is_private(target.path)
            and not _exported(pkg, target.name)
            and not _is_typevar(expr)
        ):
            return target.value
        return expr
    if not isinstance(expr, griffe.Expr) or not dataclasses.is_dataclass(expr):
        return expr
    changes = {}
    for field in dataclasses.fields(expr):
        if field.name == "parent":
            continue
        value = getattr(expr, field.name)
        if isinstance(value, list):
            changes[field.name] = [_readable(item, pkg) for item in value]
        elif isinstance(value, griffe.Expr):
            changes[field.name] = _readable(value, pkg)
    return dataclasses.replace(expr, **changes)


def _without_not_given(annotation: Any) -> Any:
    if isinstance(annotation, griffe.ExprBinOp) and annotation.operator == "|":
        if str(annotation.right) == "NotGiven":
            return annotation.left
        left = _without_not_given(annotation.left)
        return dataclasses.replace(annotation, left=left)
    return annotation


def _readable_signature(function: griffe.Function, pkg: griffe.Module) -> None:
    try:
        constants = pkg.modules_collection[_CONSTANTS]
    except KeyError:
        constants = None
    for parameter in function.parameters:
        if (
            function.name == "__init__"
            and str(parameter.default) == "NOT_GIVEN"
            and constants is not None
            and f"DEFAULT_{parameter.name.upper()}" in constants.members
        ):
            parameter.default = constants.members[f"DEFAULT_{parameter.name.upper()}"].value
            parameter.annotation = _without_not_given(parameter.annotation)
        parameter.annotation = _readable(parameter.annotation, pkg)
        parameter.default = _readable(parameter.default, pkg)
    function.returns = _readable(function.returns, pkg)

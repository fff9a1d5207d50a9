from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_body import BadRequestBody
from ...models.internal_server_error_body import InternalServerErrorBody
from ...models.message_log import MessageLog
from ...models.not_found_body import NotFoundBody
from ...models.unauthorized_body import UnauthorizedBody
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _get_kwargs(
    id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/messaging/logs/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BadRequestBody
    | InternalServerErrorBody
    | MessageLog
    | NotFoundBody
    | UnauthorizedBody
    | ValidationErrors
    | None
):
    if response.status_code == 200:
        response_200 = MessageLog.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = BadRequestBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UnauthorizedBody.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = NotFoundBody.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ValidationErrors.from_dict(response.json())

        return response_422

    if response.status_code == 500:
        response_500 = InternalServerErrorBody.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    BadRequestBody
    | InternalServerErrorBody
    | MessageLog
    | NotFoundBody
    | UnauthorizedBody
    | ValidationErrors
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    BadRequestBody
    | InternalServerErrorBody
    | MessageLog
    | NotFoundBody
    | UnauthorizedBody
    | ValidationErrors
]:
    """Get message log

     Get one message log by its ID. Scope Messaging.

    Args:
        id (UUID): Universal Unique Identifier.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestBody | InternalServerErrorBody | MessageLog | NotFoundBody | UnauthorizedBody | ValidationErrors]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> (
    BadRequestBody
    | InternalServerErrorBody
    | MessageLog
    | NotFoundBody
    | UnauthorizedBody
    | ValidationErrors
    | None
):
    """Get message log

     Get one message log by its ID. Scope Messaging.

    Args:
        id (UUID): Universal Unique Identifier.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestBody | InternalServerErrorBody | MessageLog | NotFoundBody | UnauthorizedBody | ValidationErrors
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    BadRequestBody
    | InternalServerErrorBody
    | MessageLog
    | NotFoundBody
    | UnauthorizedBody
    | ValidationErrors
]:
    """Get message log

     Get one message log by its ID. Scope Messaging.

    Args:
        id (UUID): Universal Unique Identifier.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestBody | InternalServerErrorBody | MessageLog | NotFoundBody | UnauthorizedBody | ValidationErrors]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> (
    BadRequestBody
    | InternalServerErrorBody
    | MessageLog
    | NotFoundBody
    | UnauthorizedBody
    | ValidationErrors
    | None
):
    """Get message log

     Get one message log by its ID. Scope Messaging.

    Args:
        id (UUID): Universal Unique Identifier.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestBody | InternalServerErrorBody | MessageLog | NotFoundBody | UnauthorizedBody | ValidationErrors
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed

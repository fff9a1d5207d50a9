from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cxml_error import CxmlError
from ...models.cxml_message import CxmlMessage
from ...models.internal_server_error_body import InternalServerErrorBody
from ...types import Response


def _get_kwargs(
    account_sid: UUID,
    sid: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/laml/2010-04-01/Accounts/{account_sid}/Messages/{sid}".format(
            account_sid=quote(str(account_sid), safe=""),
            sid=quote(str(sid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CxmlError | CxmlMessage | InternalServerErrorBody | None:
    if response.status_code == 200:
        response_200 = CxmlMessage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = CxmlError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CxmlError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = CxmlError.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = CxmlError.from_dict(response.json())

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
) -> Response[CxmlError | CxmlMessage | InternalServerErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_sid: UUID,
    sid: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CxmlError | CxmlMessage | InternalServerErrorBody]:
    """Retrieve a cXML message

     Retrieve a single message of the cXML (LaML) compatibility API. Scope Messaging.

    Args:
        account_sid (UUID): Universal Unique Identifier.
        sid (UUID): Universal Unique Identifier.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CxmlError | CxmlMessage | InternalServerErrorBody]
    """

    kwargs = _get_kwargs(
        account_sid=account_sid,
        sid=sid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_sid: UUID,
    sid: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> CxmlError | CxmlMessage | InternalServerErrorBody | None:
    """Retrieve a cXML message

     Retrieve a single message of the cXML (LaML) compatibility API. Scope Messaging.

    Args:
        account_sid (UUID): Universal Unique Identifier.
        sid (UUID): Universal Unique Identifier.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CxmlError | CxmlMessage | InternalServerErrorBody
    """

    return sync_detailed(
        account_sid=account_sid,
        sid=sid,
        client=client,
    ).parsed


async def asyncio_detailed(
    account_sid: UUID,
    sid: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CxmlError | CxmlMessage | InternalServerErrorBody]:
    """Retrieve a cXML message

     Retrieve a single message of the cXML (LaML) compatibility API. Scope Messaging.

    Args:
        account_sid (UUID): Universal Unique Identifier.
        sid (UUID): Universal Unique Identifier.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CxmlError | CxmlMessage | InternalServerErrorBody]
    """

    kwargs = _get_kwargs(
        account_sid=account_sid,
        sid=sid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_sid: UUID,
    sid: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> CxmlError | CxmlMessage | InternalServerErrorBody | None:
    """Retrieve a cXML message

     Retrieve a single message of the cXML (LaML) compatibility API. Scope Messaging.

    Args:
        account_sid (UUID): Universal Unique Identifier.
        sid (UUID): Universal Unique Identifier.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CxmlError | CxmlMessage | InternalServerErrorBody
    """

    return (
        await asyncio_detailed(
            account_sid=account_sid,
            sid=sid,
            client=client,
        )
    ).parsed

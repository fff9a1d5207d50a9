from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cxml_error import CxmlError
from ...models.cxml_message_list_response import CxmlMessageListResponse
from ...models.internal_server_error_body import InternalServerErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_sid: UUID,
    *,
    date_sent: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    status: str | Unset = UNSET,
    page: int | Unset = 0,
    page_size: int | Unset = 50,
    page_token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["DateSent"] = date_sent

    params["From"] = from_

    params["To"] = to

    params["Status"] = status

    params["Page"] = page

    params["PageSize"] = page_size

    params["PageToken"] = page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/laml/2010-04-01/Accounts/{account_sid}/Messages".format(
            account_sid=quote(str(account_sid), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CxmlError | CxmlMessageListResponse | InternalServerErrorBody | None:
    if response.status_code == 200:
        response_200 = CxmlMessageListResponse.from_dict(response.json())

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
) -> Response[CxmlError | CxmlMessageListResponse | InternalServerErrorBody]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_sid: UUID,
    *,
    client: AuthenticatedClient | Client,
    date_sent: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    status: str | Unset = UNSET,
    page: int | Unset = 0,
    page_size: int | Unset = 50,
    page_token: str | Unset = UNSET,
) -> Response[CxmlError | CxmlMessageListResponse | InternalServerErrorBody]:
    """List cXML messages

     List the messages of the cXML (LaML) compatibility API, newest first, one page at a time; follow
    next_page_uri. Also accepts `DateSent<` and `DateSent>` (YYYY-MM-DD, UTC): messages sent before or
    after a date. Scope Messaging.

    Args:
        account_sid (UUID): Universal Unique Identifier.
        date_sent (str | Unset):
        from_ (str | Unset):
        to (str | Unset):
        status (str | Unset):
        page (int | Unset):  Default: 0.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CxmlError | CxmlMessageListResponse | InternalServerErrorBody]
    """

    kwargs = _get_kwargs(
        account_sid=account_sid,
        date_sent=date_sent,
        from_=from_,
        to=to,
        status=status,
        page=page,
        page_size=page_size,
        page_token=page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_sid: UUID,
    *,
    client: AuthenticatedClient | Client,
    date_sent: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    status: str | Unset = UNSET,
    page: int | Unset = 0,
    page_size: int | Unset = 50,
    page_token: str | Unset = UNSET,
) -> CxmlError | CxmlMessageListResponse | InternalServerErrorBody | None:
    """List cXML messages

     List the messages of the cXML (LaML) compatibility API, newest first, one page at a time; follow
    next_page_uri. Also accepts `DateSent<` and `DateSent>` (YYYY-MM-DD, UTC): messages sent before or
    after a date. Scope Messaging.

    Args:
        account_sid (UUID): Universal Unique Identifier.
        date_sent (str | Unset):
        from_ (str | Unset):
        to (str | Unset):
        status (str | Unset):
        page (int | Unset):  Default: 0.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CxmlError | CxmlMessageListResponse | InternalServerErrorBody
    """

    return sync_detailed(
        account_sid=account_sid,
        client=client,
        date_sent=date_sent,
        from_=from_,
        to=to,
        status=status,
        page=page,
        page_size=page_size,
        page_token=page_token,
    ).parsed


async def asyncio_detailed(
    account_sid: UUID,
    *,
    client: AuthenticatedClient | Client,
    date_sent: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    status: str | Unset = UNSET,
    page: int | Unset = 0,
    page_size: int | Unset = 50,
    page_token: str | Unset = UNSET,
) -> Response[CxmlError | CxmlMessageListResponse | InternalServerErrorBody]:
    """List cXML messages

     List the messages of the cXML (LaML) compatibility API, newest first, one page at a time; follow
    next_page_uri. Also accepts `DateSent<` and `DateSent>` (YYYY-MM-DD, UTC): messages sent before or
    after a date. Scope Messaging.

    Args:
        account_sid (UUID): Universal Unique Identifier.
        date_sent (str | Unset):
        from_ (str | Unset):
        to (str | Unset):
        status (str | Unset):
        page (int | Unset):  Default: 0.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CxmlError | CxmlMessageListResponse | InternalServerErrorBody]
    """

    kwargs = _get_kwargs(
        account_sid=account_sid,
        date_sent=date_sent,
        from_=from_,
        to=to,
        status=status,
        page=page,
        page_size=page_size,
        page_token=page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_sid: UUID,
    *,
    client: AuthenticatedClient | Client,
    date_sent: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    status: str | Unset = UNSET,
    page: int | Unset = 0,
    page_size: int | Unset = 50,
    page_token: str | Unset = UNSET,
) -> CxmlError | CxmlMessageListResponse | InternalServerErrorBody | None:
    """List cXML messages

     List the messages of the cXML (LaML) compatibility API, newest first, one page at a time; follow
    next_page_uri. Also accepts `DateSent<` and `DateSent>` (YYYY-MM-DD, UTC): messages sent before or
    after a date. Scope Messaging.

    Args:
        account_sid (UUID): Universal Unique Identifier.
        date_sent (str | Unset):
        from_ (str | Unset):
        to (str | Unset):
        status (str | Unset):
        page (int | Unset):  Default: 0.
        page_size (int | Unset):  Default: 50.
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CxmlError | CxmlMessageListResponse | InternalServerErrorBody
    """

    return (
        await asyncio_detailed(
            account_sid=account_sid,
            client=client,
            date_sent=date_sent,
            from_=from_,
            to=to,
            status=status,
            page=page,
            page_size=page_size,
            page_token=page_token,
        )
    ).parsed

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bad_request_body import BadRequestBody
from ...models.forbidden_body import ForbiddenBody
from ...models.internal_server_error_body import InternalServerErrorBody
from ...models.not_found_body import NotFoundBody
from ...models.unauthorized_body import UnauthorizedBody
from ...models.validation_errors import ValidationErrors
from ...models.video_log_list_response import VideoLogListResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    include_deleted: bool | Unset = False,
    created_before: str | Unset = UNSET,
    created_on: str | Unset = UNSET,
    created_after: str | Unset = UNSET,
    page_size: int | Unset = 50,
    page_number: int | Unset = 0,
    page_token: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["include_deleted"] = include_deleted

    params["created_before"] = created_before

    params["created_on"] = created_on

    params["created_after"] = created_after

    params["page_size"] = page_size

    params["page_number"] = page_number

    params["page_token"] = page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/video/logs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BadRequestBody
    | ForbiddenBody
    | InternalServerErrorBody
    | NotFoundBody
    | UnauthorizedBody
    | ValidationErrors
    | VideoLogListResponse
    | None
):
    if response.status_code == 200:
        response_200 = VideoLogListResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = BadRequestBody.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UnauthorizedBody.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ForbiddenBody.from_dict(response.json())

        return response_403

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
    | ForbiddenBody
    | InternalServerErrorBody
    | NotFoundBody
    | UnauthorizedBody
    | ValidationErrors
    | VideoLogListResponse
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    include_deleted: bool | Unset = False,
    created_before: str | Unset = UNSET,
    created_on: str | Unset = UNSET,
    created_after: str | Unset = UNSET,
    page_size: int | Unset = 50,
    page_number: int | Unset = 0,
    page_token: str | Unset = UNSET,
) -> Response[
    BadRequestBody
    | ForbiddenBody
    | InternalServerErrorBody
    | NotFoundBody
    | UnauthorizedBody
    | ValidationErrors
    | VideoLogListResponse
]:
    """List video logs

     List the video logs (room and conference sessions), newest first, one page at a time. Scope Video.

    Args:
        include_deleted (bool | Unset):  Default: False.
        created_before (str | Unset):
        created_on (str | Unset):
        created_after (str | Unset):
        page_size (int | Unset):  Default: 50.
        page_number (int | Unset):  Default: 0.
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestBody | ForbiddenBody | InternalServerErrorBody | NotFoundBody | UnauthorizedBody | ValidationErrors | VideoLogListResponse]
    """

    kwargs = _get_kwargs(
        include_deleted=include_deleted,
        created_before=created_before,
        created_on=created_on,
        created_after=created_after,
        page_size=page_size,
        page_number=page_number,
        page_token=page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    include_deleted: bool | Unset = False,
    created_before: str | Unset = UNSET,
    created_on: str | Unset = UNSET,
    created_after: str | Unset = UNSET,
    page_size: int | Unset = 50,
    page_number: int | Unset = 0,
    page_token: str | Unset = UNSET,
) -> (
    BadRequestBody
    | ForbiddenBody
    | InternalServerErrorBody
    | NotFoundBody
    | UnauthorizedBody
    | ValidationErrors
    | VideoLogListResponse
    | None
):
    """List video logs

     List the video logs (room and conference sessions), newest first, one page at a time. Scope Video.

    Args:
        include_deleted (bool | Unset):  Default: False.
        created_before (str | Unset):
        created_on (str | Unset):
        created_after (str | Unset):
        page_size (int | Unset):  Default: 50.
        page_number (int | Unset):  Default: 0.
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestBody | ForbiddenBody | InternalServerErrorBody | NotFoundBody | UnauthorizedBody | ValidationErrors | VideoLogListResponse
    """

    return sync_detailed(
        client=client,
        include_deleted=include_deleted,
        created_before=created_before,
        created_on=created_on,
        created_after=created_after,
        page_size=page_size,
        page_number=page_number,
        page_token=page_token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    include_deleted: bool | Unset = False,
    created_before: str | Unset = UNSET,
    created_on: str | Unset = UNSET,
    created_after: str | Unset = UNSET,
    page_size: int | Unset = 50,
    page_number: int | Unset = 0,
    page_token: str | Unset = UNSET,
) -> Response[
    BadRequestBody
    | ForbiddenBody
    | InternalServerErrorBody
    | NotFoundBody
    | UnauthorizedBody
    | ValidationErrors
    | VideoLogListResponse
]:
    """List video logs

     List the video logs (room and conference sessions), newest first, one page at a time. Scope Video.

    Args:
        include_deleted (bool | Unset):  Default: False.
        created_before (str | Unset):
        created_on (str | Unset):
        created_after (str | Unset):
        page_size (int | Unset):  Default: 50.
        page_number (int | Unset):  Default: 0.
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestBody | ForbiddenBody | InternalServerErrorBody | NotFoundBody | UnauthorizedBody | ValidationErrors | VideoLogListResponse]
    """

    kwargs = _get_kwargs(
        include_deleted=include_deleted,
        created_before=created_before,
        created_on=created_on,
        created_after=created_after,
        page_size=page_size,
        page_number=page_number,
        page_token=page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    include_deleted: bool | Unset = False,
    created_before: str | Unset = UNSET,
    created_on: str | Unset = UNSET,
    created_after: str | Unset = UNSET,
    page_size: int | Unset = 50,
    page_number: int | Unset = 0,
    page_token: str | Unset = UNSET,
) -> (
    BadRequestBody
    | ForbiddenBody
    | InternalServerErrorBody
    | NotFoundBody
    | UnauthorizedBody
    | ValidationErrors
    | VideoLogListResponse
    | None
):
    """List video logs

     List the video logs (room and conference sessions), newest first, one page at a time. Scope Video.

    Args:
        include_deleted (bool | Unset):  Default: False.
        created_before (str | Unset):
        created_on (str | Unset):
        created_after (str | Unset):
        page_size (int | Unset):  Default: 50.
        page_number (int | Unset):  Default: 0.
        page_token (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestBody | ForbiddenBody | InternalServerErrorBody | NotFoundBody | UnauthorizedBody | ValidationErrors | VideoLogListResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            include_deleted=include_deleted,
            created_before=created_before,
            created_on=created_on,
            created_after=created_after,
            page_size=page_size,
            page_number=page_number,
            page_token=page_token,
        )
    ).parsed

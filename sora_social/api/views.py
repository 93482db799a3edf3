"""Base API views: everything starts signed in and active; the parsers are explicit."""

from drf_spectacular.plumbing import get_lib_doc_excludes
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.views import APIView

from sora_social.api.pagination import CreatedCursorPagination
from sora_social.api.parsers import JsonBodyParser
from sora_social.api.permissions import IsActiveMember


class MemberApiView(APIView):
    """A JSON API view for signed-in, active members."""

    permission_classes = [IsActiveMember]
    parser_classes = [JsonBodyParser]
    # Used by `paginate()` for list responses; the schema then documents them as cursor pages.
    pagination_class = CreatedCursorPagination


class UploadApiView(MemberApiView):
    """A view that takes multipart uploads."""

    parser_classes = [MultiPartParser, FormParser]


def schema_doc_excludes() -> list[type]:
    """Classes whose docstrings the schema never uses as an operation's description (GET_LIB_DOC_EXCLUDES).

    drf-spectacular falls back to the nearest docstring up a view's classes, so without this every view that has
    none of its own was described as "A JSON API view for signed-in, active members.". These docstrings are for
    people reading the code; an operation without a description of its own gets none, which tests/test_contract_*
    refuse for ours.
    """
    return [*get_lib_doc_excludes(), MemberApiView, UploadApiView]


def paginate(view: APIView, queryset, serializer_class, **serializer_kwargs):
    """Cursor-paginate a queryset the view already scoped to the viewer."""
    paginator = getattr(view, "pagination_class", None) or CreatedCursorPagination
    paginator = paginator()
    page = paginator.paginate_queryset(queryset, view.request, view=view)
    serializer = serializer_class(page, many=True, context={"request": view.request}, **serializer_kwargs)
    return paginator.get_paginated_response(serializer.data)

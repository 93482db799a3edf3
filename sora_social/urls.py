from django.contrib import admin
from django.urls import include, path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from sora_social.accounts.api.headless import no_phone_view, password_change_view
from sora_social.api.converters import IdConverter
from sora_social.api.media import SignedMediaView

register_converter(IdConverter, "id")

api_v1 = [
    path("", include("sora_social.accounts.api.urls")),
    path("", include("sora_social.notifications.api.urls")),
    path("", include("cameos.api.urls")),
    path("", include("generation.api.urls")),
    path("", include("feed.api.urls")),
    path("", include("remix.api.urls")),
    path("", include("moderation.api.urls")),
    path("media/<str:token>/", SignedMediaView.as_view(), name="media"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's setup script from its own URL: the policy runs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    # allauth's route, with the current password counted as a sign-in's (sora_social.accounts.api.headless).
    path("_allauth/app/v1/account/password/change", password_change_view),
    re_path(r"^_allauth/app/v1/(?:account/phone|auth/phone/verify(?:/resend)?)$", no_phone_view),
    path("_allauth/", include("allauth.headless.urls")),
    path("api/v1/", include(api_v1)),
]

handler400 = "sora_social.api.errors.handler400"
handler403 = "sora_social.api.errors.handler403"
handler404 = "sora_social.api.errors.handler404"
handler500 = "sora_social.api.errors.handler500"

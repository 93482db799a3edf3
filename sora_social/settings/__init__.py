"""Settings, split by concern. The environment decides everything; see env.py."""

from .allauth import *  # noqa: F403
from .api import *  # noqa: F403
from .base import *  # noqa: F403
from .celery import *  # noqa: F403
from .channels import *  # noqa: F403
from .moderation import *  # noqa: F403
from .product import *  # noqa: F403
from .security import *  # noqa: F403
from .storage import *  # noqa: F403

from .invite import InviteCode
from .parental import ParentalLink, ParentalLinkCode
from .social import Block, Follow
from .user import Profile, User

__all__ = ["Block", "Follow", "InviteCode", "ParentalLink", "ParentalLinkCode", "Profile", "User"]

from .cameo import Cameo, CameoAwaitingReview, ProtectedPerson
from .consent import Appearance, ConsentDecision, Grant
from .registry import LikenessChange
from .verification import CameoReview, VerificationAttempt, VerificationChallenge

__all__ = [
    "Appearance",
    "Cameo",
    "CameoAwaitingReview",
    "CameoReview",
    "ConsentDecision",
    "Grant",
    "LikenessChange",
    "ProtectedPerson",
    "VerificationAttempt",
    "VerificationChallenge",
]

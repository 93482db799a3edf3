from .cameo import Cameo, ProtectedPerson
from .consent import Appearance, ConsentDecision, Grant
from .verification import VerificationAttempt, VerificationChallenge

__all__ = [
    "Appearance",
    "Cameo",
    "ConsentDecision",
    "Grant",
    "ProtectedPerson",
    "VerificationAttempt",
    "VerificationChallenge",
]

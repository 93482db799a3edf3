"""Cameo verification: judge a challenge video (faces, head turns, voice, impersonation) without Django.

The Celery task loads the attempt, calls verify_video() and stores the outcome; nothing here touches models.
"""

from cameos.verification.engine import (
    IDENTITY_SPLIT_MAX,
    IMPERSONATION_MAX,
    REASON_MESSAGES,
    REVIEW_MAX,
    BruteForceIdentities,
    IdentityIndex,
    IdentityVerdict,
    KnownIdentity,
    ProgressCallback,
    Reason,
    VerificationOutcome,
    identity_probes,
    identity_references,
    judge_identity,
    verify_video,
)
from cameos.verification.faces import FaceCountError, encoding_distance, face_encodings_from_image
from cameos.verification.media import UnreadableMediaError
from cameos.verification.pose import DIRECTIONS, validate_turn_sequence
from cameos.verification.reference import reference_image_from_upload

__all__ = [
    "DIRECTIONS",
    "IDENTITY_SPLIT_MAX",
    "IMPERSONATION_MAX",
    "REASON_MESSAGES",
    "REVIEW_MAX",
    "FaceCountError",
    "BruteForceIdentities",
    "IdentityIndex",
    "IdentityVerdict",
    "KnownIdentity",
    "ProgressCallback",
    "Reason",
    "UnreadableMediaError",
    "VerificationOutcome",
    "encoding_distance",
    "identity_probes",
    "identity_references",
    "judge_identity",
    "face_encodings_from_image",
    "reference_image_from_upload",
    "validate_turn_sequence",
    "verify_video",
]

"""Actions on cameos, one module per concern (the public names are re-exported here, as Takahē does):

- verification: challenges, the verification upload and its media task, character cameos;
- consent: level, restrictions, grants, parental approval, deletion, moderators' revocation;
- appearances: the videos a cameo is in, re-checked through the door when consent changes, withdrawn by the owner;
- state: the declared state machine and the consent version;
- likeness: protected persons added by moderators, and the verified cameos that turn out to have their face;
- retention: biometric data of deactivated accounts is erased (daily beat task).
"""

from cameos.services.appearances import (
    appearance_withdraw,
    appearances_recheck_texts,
    appearances_reconcile,
    appearances_reconcile_for_birth_date_corrected,
    appearances_reconcile_for_teen_mutuals_withdrawn,
    appearances_withdraw_for_deleted_cameo,
    cameo_consent_relationship_changed,
)
from cameos.services.consent import (
    cameo_delete,
    cameo_reinstate_by_moderator,
    cameo_revoke_by_moderator,
    cameo_update,
    grant_create,
    grant_delete,
    grant_parent_approve,
    grants_approval_withdraw_for_deleted_approver,
    grants_parental_approval_withdraw,
    parent_told_what_waits,
)
from cameos.services.likeness import own_cameo_refusal, protected_person_save
from cameos.services.retention import biometrics_purge_for_inactive_accounts
from cameos.services.state import CameoError, cameo_transition, consent_version_bump
from cameos.services.verification import (
    cameo_create_character,
    cameo_review_decide,
    cameo_submit_verification,
    cameo_verification_unavailable,
    cameo_verify,
    challenge_create,
    check_display_name,
    expire_unused_challenges,
    identity_registration,
    rejection_message,
    verification_uploads_sweep,
)

__all__ = [
    "CameoError",
    "appearance_withdraw",
    "appearances_recheck_texts",
    "appearances_reconcile",
    "appearances_reconcile_for_birth_date_corrected",
    "appearances_reconcile_for_teen_mutuals_withdrawn",
    "appearances_withdraw_for_deleted_cameo",
    "biometrics_purge_for_inactive_accounts",
    "cameo_consent_relationship_changed",
    "cameo_create_character",
    "cameo_delete",
    "cameo_reinstate_by_moderator",
    "cameo_review_decide",
    "cameo_revoke_by_moderator",
    "cameo_submit_verification",
    "cameo_transition",
    "cameo_update",
    "cameo_verify",
    "challenge_create",
    "check_display_name",
    "consent_version_bump",
    "expire_unused_challenges",
    "grant_create",
    "grant_delete",
    "grant_parent_approve",
    "grants_approval_withdraw_for_deleted_approver",
    "grants_parental_approval_withdraw",
    "cameo_verification_unavailable",
    "identity_registration",
    "parent_told_what_waits",
    "own_cameo_refusal",
    "protected_person_save",
    "rejection_message",
    "verification_uploads_sweep",
]

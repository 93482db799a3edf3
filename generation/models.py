from django.conf import settings
from django.db import models
from django_cleanup import cleanup


@cleanup.select
class GenerationJob(models.Model):
    """One request to render a video; when it succeeds, its output is the creator's draft."""

    class State(models.TextChoices):
        QUEUED = "queued"
        RENDERING = "rendering"
        ENCODING = "encoding"
        SIGNING = "signing"
        SUCCEEDED = "succeeded"
        FAILED = "failed"
        BLOCKED = "blocked"  # consent or policy said no; no output is kept
        CANCELLED = "cancelled"

    # Declared transitions; generation.services refuses anything else. A worker lost mid-render
    # sends the job back to queued for its one retry.
    TRANSITIONS = {
        State.QUEUED: {State.RENDERING, State.CANCELLED, State.BLOCKED, State.FAILED},
        State.RENDERING: {State.ENCODING, State.QUEUED, State.CANCELLED, State.BLOCKED, State.FAILED},
        State.ENCODING: {State.SIGNING, State.QUEUED, State.CANCELLED, State.BLOCKED, State.FAILED},
        State.SIGNING: {State.SUCCEEDED, State.QUEUED, State.CANCELLED, State.BLOCKED, State.FAILED},
        State.SUCCEEDED: set(),
        State.FAILED: set(),
        State.BLOCKED: set(),
        State.CANCELLED: set(),
    }
    IN_FLIGHT = (State.QUEUED, State.RENDERING, State.ENCODING, State.SIGNING)

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="generation_jobs")
    prompt = models.TextField(max_length=2000)
    duration_s = models.PositiveSmallIntegerField()
    resolution = models.CharField(max_length=8)
    aspect_ratio = models.CharField(max_length=8)
    style = models.CharField(max_length=16)
    seed = models.BigIntegerField()
    # The rendering backend (generation.backends.catalog), chosen at submit; the job queues on gpu.<backend>.
    # Blank on jobs from before there was a choice: they render with the deployment's default.
    backend = models.CharField(max_length=16, blank=True)
    cameos = models.ManyToManyField("cameos.Cameo", blank=True, related_name="jobs")
    # Set for a remix: the job this one remixes (the parent post's job). It points down the layers, to this
    # app's own model: feed sets a published remix's Post.parent from it.
    parent_job = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="remix_jobs")
    # Whether it is a remix, kept when the parent's job goes with its author's account (parent_job is then null): such
    # a remix is neither rendered nor published, as one whose parent post was deleted is not. A remix whose parent
    # went rendered as a new video and published as an original (tests/remix/test_remix_attacks_round3.py).
    is_remix = models.BooleanField(default=False)

    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    # Why it ended blocked or failed, as a machine-readable code.
    state_reason = models.CharField(max_length=64, blank=True)
    progress = models.FloatField(default=0.0)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The worker rendering this job holds it until then and renews it as it goes; a redelivered task waits for
    # the lease to lapse before it takes the job over (its worker died), so two workers never render one job.
    lease_until = models.DateTimeField(null=True, blank=True)
    # The consent the render saw: {cameo_id: {"consent_version": n, "grant_ids": [...]}}.
    consent_pins = models.JSONField(default=dict, blank=True)

    video = models.FileField(upload_to="videos/", blank=True, max_length=255)
    poster = models.FileField(upload_to="posters/", blank=True, max_length=255)
    # Set when the retention purge deleted the files of a video hidden by a revocation or a takedown (after
    # HIDDEN_MEDIA_RETENTION_DAYS; feed.services.retention): the durable record, so it is never purged twice.
    media_purged_at = models.DateTimeField(null=True, blank=True)
    # Names the job's files had before they were moved (generation_media_rename) whose delete has not been done yet:
    # recorded with the move, cleared once the store deleted them, so a delete the store refuses is tried again
    # (generation_stale_media_delete) instead of leaving a copy that no row names.
    stale_media_names = models.JSONField(default=list, blank=True)
    # sha256 of the signed MP4 file, and of its media packets alone: a copy whose manifest was stripped
    # (remuxed) keeps the packets, so the content hash still finds it.
    video_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    content_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    # An opaque public reference printed in the C2PA manifest, never the database id or a name.
    public_ref = models.CharField(max_length=32, unique=True, null=True, blank=True)
    manifest_label = models.CharField(max_length=200, blank=True)
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    render_metrics = models.JSONField(default=dict, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When each state was entered, as ISO times: {"queued": ..., "rendering": ..., ...}.
    state_times = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "state"]),
            models.Index(fields=["owner", "-created_at", "-id"]),
            # A signed media URL is checked by its file's name each time it is served (feed.selectors.
            # job_media_visible_to), and a file is deleted only when no other job names it.
            models.Index(fields=["video"], name="generation_job_video_name"),
            models.Index(fields=["poster"], name="generation_job_poster_name"),
        ]

    def __str__(self) -> str:
        return f"job {self.pk} ({self.state})"

    @property
    def is_in_flight(self) -> bool:
        return self.state in self.IN_FLIGHT


@cleanup.select
class FaceSearch(models.Model):
    """A cameo owner's question "is my face in this video?", asked of one uploaded video, answered in the background.

    It compares the faces of the video with the asker's own cameo only, never with anyone else's (generation.
    face_search). The upload is kept only until it is analysed; the faces of strangers in it are never stored.
    """

    class Status(models.TextChoices):
        QUEUED = "queued"
        ANALYSING = "analysing"
        DONE = "done"
        FAILED = "failed"

    # Declared transitions; generation.face_search refuses anything else. A worker lost mid-analysis leaves it
    # analysing, and the redelivered task analyses it again from the start (the analysis writes nothing until done).
    TRANSITIONS = {
        Status.QUEUED: {Status.ANALYSING, Status.FAILED},
        Status.ANALYSING: {Status.DONE, Status.FAILED},
        Status.DONE: set(),
        Status.FAILED: set(),
    }
    IN_FLIGHT = (Status.QUEUED, Status.ANALYSING)

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="face_searches")
    # The asker's own cameo: the only face the video is compared with.
    cameo = models.ForeignKey("cameos.Cameo", on_delete=models.CASCADE, related_name="face_searches")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    # Why it failed, as a machine-readable code.
    reason = models.CharField(max_length=64, blank=True)
    # The uploaded video, until it has been analysed (then deleted, whatever the outcome).
    upload = models.FileField(upload_to="face_searches/", blank=True, max_length=255)
    duration_s = models.FloatField(null=True, blank=True)
    # None until done.
    found = models.BooleanField(null=True, blank=True)
    # {"times_s": [...], "segments": [{"start_s", "end_s"}], "closest_distance", "frames_analysed", "faces_seen"}
    results = models.JSONField(default=dict, blank=True)
    # What the provenance lookup said about the video (made_here, method, manifest_state, job_ref, created_at,
    # is_remix), and the job that made it: the asker is told which one only while they may see that video.
    provenance = models.JSONField(default=dict, blank=True)
    made_by = models.ForeignKey(GenerationJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    metrics = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["cameo", "-created_at", "-id"]),
            models.Index(fields=["owner", "status"]),
        ]

    def __str__(self) -> str:
        return f"face search {self.pk} ({self.status})"

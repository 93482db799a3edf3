from .post import Post
from .session import FeedDay, Steering, WellnessCheckIn
from .social import Comment, Like, PostView

__all__ = ["Comment", "FeedDay", "Like", "Post", "PostView", "Steering", "WellnessCheckIn"]

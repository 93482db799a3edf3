from .post import Post
from .session import FeedDay, FeedHour, Steering, WellnessCheckIn
from .social import Comment, Like, PostView

__all__ = ["Comment", "FeedDay", "FeedHour", "Like", "Post", "PostView", "Steering", "WellnessCheckIn"]

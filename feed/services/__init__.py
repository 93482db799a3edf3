"""Feed's services, by concern: posts (publish, edit, delete, takedowns), reactions (likes, comments, views),
preferences (steering, wellness answers), serving (a feed page, the posts list), background (the tasks' work).
Import the module you need; nothing is re-exported here."""

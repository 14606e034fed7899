"""Records: reminders HR sends by hand. (Being written.)"""

urlpatterns: list = []

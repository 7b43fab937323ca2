from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A menu item only for users who hold a named permission, so the menu offers no
    page its views would refuse."""

    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)

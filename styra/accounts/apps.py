from django.apps import AppConfig


class Config(AppConfig):
    name = "styra.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in

        from styra.audit import trail

        from .models import GroupRole, Membership
        from .sessions import stamp_sign_in

        # The one place every sign-in passes; see sessions.py.
        user_logged_in.connect(stamp_sign_in, dispatch_uid="styra_stamp_sign_in")
        trail.register(get_user_model(), exclude=("last_login",), mask=("password",))
        trail.register(Membership, place=lambda r, pk, v: (v("org_unit"), None, None))
        trail.register(GroupRole, place=lambda r, pk, v: (v("org_unit"), None, None))

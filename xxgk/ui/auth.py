"""Who may change things (issue 10). Viewing is open; every write — loading reports, review
decisions — needs a signed-in editor. Configured the Streamlit way, in .streamlit/secrets.toml:

    [editors]                  # local accounts: name = argon2 hash
    张三 = "$argon2id$v=19$..."  # python -m xxgk editor-hash  (prints this line)

or, where the office has an identity provider, Streamlit's own OIDC sign-in (st.login) with the
editors' e-mail addresses listed:

    [auth]                     # see Streamlit's st.login documentation
    redirect_uri = "..."; cookie_secret = "..."; client_id = "..."; ...
    [editors_oidc]
    emails = ["zhangsan@example.gov.cn"]

Without either the dashboard is read-only and says how to enable editing.
"""

from __future__ import annotations

import streamlit as st
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

HOW_TO_ENABLE = ("当前为只读模式。开启编辑：在 .streamlit/secrets.toml 的 [editors] 中加入编辑人员"
                 "（用 `python -m xxgk editor-hash` 生成口令散列），或配置单位的统一身份认证（[auth]）。")
_HASHER = PasswordHasher()


def _secrets(section: str) -> dict:
    try:
        return dict(st.secrets.get(section, {}))
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return {}


def _oidc() -> bool:
    return bool(_secrets("auth"))


def editing_enabled() -> bool:
    """Whether any way to sign in as an editor is configured."""
    return bool(_secrets("editors")) or _oidc()


def check_password(name: str, password: str) -> bool:
    """Whether ``password`` is the editor ``name``'s (argon2 hash in secrets)."""
    stored = _secrets("editors").get(name)
    if not stored or not password:
        return False
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def editor() -> str | None:
    """The signed-in editor's name (or e-mail), None for a viewer."""
    if name := st.session_state.get("editor"):
        return name
    if _oidc() and getattr(st.user, "is_logged_in", False):
        email = st.user.get("email")
        if isinstance(email, str) and email in _secrets("editors_oidc").get("emails", []):
            return email
    return None


def sign_in_box() -> None:
    """The sidebar's sign-in (or the read-only note, or who is signed in)."""
    with st.sidebar:
        st.divider()
        if name := editor():
            st.caption(f"已登录编辑：{name}")
            if st.button("退出登录", key="sign_out"):
                st.session_state.pop("editor", None)
                if _oidc() and getattr(st.user, "is_logged_in", False):
                    st.logout()
                st.rerun()
        elif not editing_enabled():
            st.caption(HOW_TO_ENABLE)
        elif _secrets("editors"):
            with st.form("sign_in", border=False):
                st.caption("编辑人员登录（查看无需登录）")
                name = st.text_input("用户名", key="sign_in_name")
                password = st.text_input("口令", type="password", key="sign_in_password")
                if st.form_submit_button("登录"):
                    if check_password(name, password):
                        st.session_state["editor"] = name
                        st.rerun()
                    else:
                        st.error("用户名或口令不对。")
        else:
            if st.button("编辑人员登录", key="sign_in_oidc"):
                st.login()

"""Failures of the machine (a permission, a full disk, a file gone) in Chinese: why the system refused,
and what to do, for messages that name the path."""

from __future__ import annotations

import errno

_ERRNO = {
    errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "超出了磁盘配额", errno.EACCES: "没有读写权限",
    errno.EPERM: "操作不被允许（权限不足）", errno.ENOENT: "文件或目录不存在（可能在构建过程中被移动或删除）",
    errno.EROFS: "所在的文件系统是只读的", errno.EIO: "磁盘读写出错（磁盘可能有故障）", errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOTDIR: "路径中有一段不是目录", errno.ENAMETOOLONG: "文件名或路径过长", errno.EMFILE: "同时打开的文件过多",
    errno.ENFILE: "系统打开的文件过多", errno.EBUSY: "文件或目录正被占用", errno.ENOTEMPTY: "目录不是空的",
    errno.EEXIST: "文件已存在", errno.EXDEV: "不能跨文件系统移动",
}


def why(error: OSError) -> str:
    """Why the system refused, in Chinese."""
    return _ERRNO.get(error.errno or 0, f"系统错误 {errno.errorcode.get(error.errno or 0, error.errno)}")


def explain(error: OSError, doing: str = "读写") -> str:
    """A failure of the machine in Chinese: what was being done, to which path, and why."""
    path = error.filename or ""
    where = f"「{path}」" if path else "文件"
    advice = {errno.ENOSPC: "请清理磁盘空间后重新构建。", errno.EDQUOT: "请清理磁盘空间后重新构建。",
              errno.EACCES: "请检查这个文件或目录的权限（运行构建的用户须能读取它）。",
              errno.EPERM: "请检查这个文件或目录的权限（运行构建的用户须能读取它）。"}.get(error.errno or 0, "请处理后重新构建。")
    return f"{doing}{where}时出错：{why(error)}。{advice}"

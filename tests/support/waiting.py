"""Waiting for a condition instead of for a fixed time."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
Message = str | Callable[[], str]


def _text(message: Message) -> str:
    return message if isinstance(message, str) else message()


def eventually(
    condition: Callable[[], T | None],
    *,
    timeout: float = 15,
    interval: float = 0.2,
    pause: Callable[[float], None] = time.sleep,
    message: Message = "the condition did not become true",
) -> T:
    """Call `condition` until it returns something truthy, and return that; fail after `timeout` seconds.

    `pause(seconds)` waits between tries (a Playwright page's own wait keeps its event handlers running).
    `message` (or a function that describes the last state) is the failure's text.
    """
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise AssertionError(f"{_text(message)} (waited {timeout:g} s)")
        pause(interval)


async def eventually_async(
    condition: Callable[[], Awaitable[T | None]],
    *,
    timeout: float = 15,
    interval: float = 0.1,
    message: Message = "the condition did not become true",
) -> T:
    """`eventually` for coroutines: await `condition` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        result = await condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise AssertionError(f"{_text(message)} (waited {timeout:g} s)")
        await asyncio.sleep(interval)

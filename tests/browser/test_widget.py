"""The web chat widget in a real browser: a citizen applies for a bewonersvergunning on
/chat (Rasa's socket.io channel), logs in and pays in other tabs, and sees the assistant's
own messages arrive; the page meets WCAG 2.1 AA (axe-core) and works with the keyboard alone.
Screenshots of each step: tests/artifacts/widget/."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import AXE_JS, site_serving

JAN = "999990019"       # Binnenstad, 51-PX-PN on his name
MESSAGES = ".plw-log > .plw-msg"


class Citizen:
    """A person chatting in the widget: types, presses buttons, opens links."""

    def __init__(self, page: Page, artifacts: Path, prefix: str) -> None:
        self.page, self.artifacts, self.prefix = page, artifacts, prefix
        self.mark = 0           # messages on screen before the last thing the person did
        self.step = 0

    def open_chat(self, url: str) -> None:
        self.page.goto(url)
        expect(self.page.get_by_role("heading", name=re.compile("Chat met gemeente"))).to_be_visible()
        self.wait_connected()

    def wait_connected(self) -> None:
        self.page.wait_for_function("() => window.parkeerloketChat && window.parkeerloketChat.ready")

    def shot(self, name: str) -> None:
        self.step += 1
        self.page.screenshot(path=self.artifacts / f"{self.prefix}-{self.step:02d}-{name}.png", full_page=True)

    def count(self) -> int:
        return self.page.locator(MESSAGES).count()

    def say(self, text: str) -> None:
        self.mark = self.count()
        box = self.page.get_by_label("Uw bericht")
        box.fill(text)
        box.press("Enter")
        expect(self.page.locator(f"{MESSAGES}.plw-user").last).to_contain_text(text)

    def choose(self, title: str) -> None:
        """Press the (only pressable) choice whose title has the word `title`."""
        button = self.page.locator(".plw-choice:enabled").filter(
            has_text=re.compile(rf"\b{re.escape(title)}\b", re.I))
        expect(button).to_have_count(1)
        shown = button.inner_text()
        self.mark = self.count()
        button.click()
        expect(self.page.locator(f"{MESSAGES}.plw-user").last).to_contain_text(shown)

    def wait_for(self, pattern: str):
        """Wait until the assistant's messages since the person's last action match
        `pattern` (read together, as one turn); the last of them."""
        try:
            self.page.wait_for_function(
                """([from, source]) => new RegExp(source, 'is').test(
                     [...document.querySelectorAll('.plw-log > .plw-msg')].slice(from)
                     .filter(m => m.classList.contains('plw-bot')).map(m => m.textContent).join('\\n'))""",
                arg=[self.mark, pattern])
        except PlaywrightTimeout:
            self.shot("failed")
            said = self.page.locator(MESSAGES).all_inner_texts()[self.mark:]
            raise AssertionError(f"no answer matching {pattern!r}; since then: {said}") from None
        return self.page.locator(f"{MESSAGES}.plw-bot").last

    def link(self, part: str):
        links = self.page.locator(f"{MESSAGES}.plw-bot a").filter(has_text=part)
        expect(links.last).to_be_visible()
        return links.last

    def open_link_in_new_tab(self, link) -> Page:
        url = link.get_attribute("href")
        assert link.inner_text() == url, "links are shown as their full address"
        with self.page.context.expect_page() as new:
            link.click()
        tab = new.value
        tab.wait_for_load_state()
        return tab

    def accessibility_violations(self) -> list[str]:
        if not self.page.evaluate("() => !!window.axe"):
            self.page.add_script_tag(path=str(AXE_JS))
        found = self.page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})).violations
            .map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")
        return found


def test_bewonersvergunning_in_the_widget(stack, context, artifacts):
    page = context.new_page()
    me = Citizen(page, artifacts, "journey")
    me.open_chat(f"{stack.backend_url}/chat")
    assert me.accessibility_violations() == []
    me.shot("empty-chat")

    me.say("Ik wil een bewonersvergunning aanvragen")
    me.wait_for("inloggen")
    me.shot("login-link")
    login = me.open_link_in_new_tab(me.link("/login/"))
    login.get_by_label(re.compile("BSN", re.I)).fill(JAN)
    login.get_by_role("button", name="Inloggen").click()
    expect(login.locator("body")).to_contain_text(re.compile("ingelogd", re.I))
    login.screenshot(path=artifacts / "journey-digid-simulator-done.png")
    login.close()

    # The assistant says so by itself (trigger_intent, output channel "latest" = socket.io).
    me.wait_for(r"ingelogd.*(datum|wanneer)")
    expect(page.locator(".plw-log")).to_contain_text("Jan de Vries")
    me.shot("logged-in")

    me.say("morgen")
    me.wait_for("periode")
    me.choose("jaar")
    me.wait_for("kenteken")
    me.say("51-px-pn")
    me.choose("nee")                   # no second plate
    me.choose("nee")                   # no own parking place
    me.choose("ja")                    # vehicle is small enough
    summary = me.wait_for("51-PX-PN")
    expect(summary).to_contain_text("312,00")
    assert me.accessibility_violations() == []
    me.shot("summary")

    me.choose("ja")
    me.wait_for("312,00")
    me.shot("payment-link")
    psp = me.open_link_in_new_tab(me.link("/pay/"))
    psp.get_by_label("Kies uw bank").select_option(index=1)
    psp.get_by_label("Betaling gelukt").check()
    psp.get_by_role("button", name="Verder").click()
    psp.wait_for_load_state()
    psp.screenshot(path=artifacts / "journey-payment-simulator-done.png")
    psp.close()

    letter = me.wait_for(r"betaling.*ontvangen")
    expect(letter.locator("a", has_text="/documents/")).to_be_visible()
    assert me.accessibility_violations() == []
    me.shot("paid")

    # A document the assistant sends as `custom.document` is a download link.
    doc_url = letter.locator("a", has_text="/documents/").first.get_attribute("href")
    me.mark = me.count()
    events = [{"event": "bot", "text": "Hier is uw vergunning.", "data": {"custom": {"document": {
        "url": doc_url, "filename": "vergunning.pdf", "title": "Vergunning en betaalbewijs"}}}}]
    push(stack, session_id(page), events)
    download = me.wait_for("Download").get_by_role("link", name=re.compile("Vergunning en betaalbewijs"))
    expect(download).to_have_attribute("download", "vergunning.pdf")
    with page.expect_download() as got:
        download.click()
    assert got.value.suggested_filename.endswith(".pdf")
    assert Path(got.value.path()).read_bytes().startswith(b"%PDF")
    me.shot("document")

    # A reload keeps the conversation: what was said, and the same session with Rasa.
    before = page.locator(MESSAGES).all_inner_texts()
    sid = session_id(page)
    page.reload()
    me.wait_connected()
    assert page.locator(MESSAGES).all_inner_texts() == before
    assert session_id(page) == sid
    me.say("wat heb ik allemaal?")
    me.wait_for("Huidige producten")        # still logged in: the overview, no login link
    assert "/login/" not in " ".join(page.locator(MESSAGES).all_inner_texts()[me.mark:])
    me.shot("after-reload")

    # What the assistant says while the chat page is closed is there when it is opened again.
    me.mark = me.count()
    page.goto("about:blank")
    push(stack, sid, [{"event": "bot", "text": "Uw e-mail is verstuurd.\n\nKan ik u nog ergens mee helpen?"}])
    page.goto(f"{stack.backend_url}/chat")
    me.wait_connected()
    me.wait_for(r"e-mail is verstuurd.*nog ergens mee helpen")
    expect(page.locator(MESSAGES)).to_have_count(me.mark + 2)         # once, in two parts as Rasa sends it
    me.shot("missed-while-away")

    page.get_by_role("button", name="Opnieuw beginnen").click()
    expect(page.locator(MESSAGES)).to_have_count(0)
    me.wait_connected()
    assert session_id(page) != sid
    me.say("wat is de status van mijn aanvraag?")
    me.wait_for("inloggen")            # a new conversation: nobody is logged in
    assert me.accessibility_violations() == []
    me.shot("restarted")


def test_keyboard_only(stack, context, artifacts):
    """Tab to the text box, Enter sends; the choices are reached with the keyboard (they
    stand above the text box: Shift+Tab), Enter presses one; focus is always visible."""
    page = context.new_page()
    me = Citizen(page, artifacts, "keyboard")
    me.open_chat(f"{stack.backend_url}/chat")

    tab_to(page, "#plw-input")
    me.mark = me.count()
    page.keyboard.type("hallo")
    page.keyboard.press("Enter")
    me.wait_for("Bewonersvergunning aanvragen")
    expect(page.locator(".plw-choice:enabled")).to_have_count(4)
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        assert_focus_visible(page)
        if page.evaluate("() => document.activeElement.classList.contains('plw-choice')"):
            break
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == "Mijn overzicht", focused          # the last choice comes first
    me.shot("choice-focused")
    me.mark = me.count()
    page.keyboard.press("Enter")
    expect(page.locator(f"{MESSAGES}.plw-user").last).to_have_text(re.compile(focused))
    assert page.evaluate("() => document.activeElement.id") == "plw-input", "focus back in the text box"
    me.wait_for("inloggen")
    me.shot("choice-pressed")


def test_snippet_on_another_site(stack, context, artifacts):
    """One script tag on the municipality's own site (another origin): the widget asks the
    backend where Rasa is, opens from its button and chats across origins."""
    html = (f'<!doctype html><html lang="nl"><head><title>Parkeren</title></head><body><main><h1>Parkeren</h1>'
            f'<p>Informatie over parkeren.</p></main>'
            f'<script src="{stack.backend_url}/static/widget.js" data-municipality="Deventer"></script></body></html>')
    with site_serving(html) as site:
        chat_on_other_site(site, context, artifacts)


def chat_on_other_site(site: str, context, artifacts) -> None:
    page = context.new_page()
    me = Citizen(page, artifacts, "snippet")
    page.goto(site)
    opener = page.get_by_role("button", name="Chat met de gemeente")
    expect(opener).to_have_attribute("aria-expanded", "false")
    assert me.accessibility_violations() == []
    opener.click()
    expect(opener).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("() => document.activeElement.id") == "plw-input"
    me.wait_connected()
    me.say("hallo")
    me.wait_for("Bewonersvergunning aanvragen")
    assert me.accessibility_violations() == []
    me.shot("open")
    page.keyboard.press("Escape")
    expect(opener).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#plw-panel")).to_be_hidden()


def test_a_page_cannot_choose_another_channels_conversation(stack, context, artifacts):
    """The browser picks its conversation id; Rasa accepts only the widget's own form, so a
    page cannot read or write a Telegram chat (a number) or any guessable conversation."""
    page = context.new_page()
    me = Citizen(page, artifacts, "guard")
    me.open_chat(f"{stack.backend_url}/chat")
    given = page.evaluate("""() => new Promise(done => {
        const socket = window.parkeerloketChat.socket;
        socket.once('session_confirm', done);
        socket.emit('session_request', {session_id: '123456789'});
        socket.emit('user_uttered', {message: 'hallo', session_id: '123456789'});
    })""")
    assert re.fullmatch(r"web-[0-9a-f]{32}", given), given
    # Back to its own conversation: that one answers; the other got nothing.
    page.evaluate("""() => window.parkeerloketChat.socket.emit('session_request',
        {session_id: window.parkeerloketChat.state.sessionId})""")
    me.say("hallo")
    me.wait_for("Bewonersvergunning aanvragen")
    other = httpx.get(f"{stack.rasa_url}/conversations/123456789/tracker",
                      params={"token": stack.rasa_token}, timeout=30).json()
    assert [e for e in other["events"] if e["event"] == "user"] == []


def push(stack, sid: str, events: list[dict]) -> None:
    """Bot messages from outside the dialogue, sent to the channel the citizen used last,
    the way Rasa's API lets other systems do it."""
    r = httpx.post(f"{stack.rasa_url}/conversations/{sid}/tracker/events", json=events, params={
        "token": stack.rasa_token, "output_channel": "latest", "execute_side_effects": "true"}, timeout=30)
    assert r.status_code == 200, r.text


def tab_to(page: Page, selector: str) -> None:
    page.locator("body").focus()
    for _ in range(15):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        if page.evaluate(f"() => document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def assert_focus_visible(page: Page) -> None:
    style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    tag, outline, width = style
    assert tag == "BODY" or (outline != "none" and width >= 2), f"focus not visible on {style}"


def session_id(page: Page) -> str:
    return page.evaluate("() => JSON.parse(sessionStorage.getItem('parkeerloket-chat')).sessionId")

"""Every public page on a phone (390 × 844), in Spanish and English: nothing sticks out past the
screen's edge outside a box that scrolls, no visible text is drawn under 12 px (SVG text after
its scaling), and the content starts within the first quarter of the screen."""

import pytest
from playwright.sync_api import Browser

from tests.public_pages import public_pages

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 390, 844
MIN_TEXT_PX = 12

# Runs in the page: what a person on a phone would find wrong, as short descriptions.
_CHECK = """
([minText]) => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const hidden = (el) => {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden') return true;
      if (node.tagName === 'DETAILS' && !node.open && node !== el &&
          !el.closest('summary')) return true;
    }
    const box = el.getBoundingClientRect();
    // Nothing shown: visually-hidden text, or a field moved off the left edge (the honeypot).
    return box.width <= 1 || box.height <= 1 || box.right <= 0;
  };
  const inScrollBox = (el) => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      if (overflow === 'auto' || overflow === 'scroll') return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'text') continue;
    if (hidden(el)) continue;
    const box = el.getBoundingClientRect();
    if ((box.right > width + 1 || box.left < -1) && !inScrollBox(el)) {
      problems.push(`sticks out (${Math.round(box.left)}–${Math.round(box.right)} px): ${name(el)}`);
    }
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!ownText) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const matrix = el.getScreenCTM();
      if (matrix) size *= Math.hypot(matrix.a, matrix.b);
    }
    if (size < minText - 0.05) {
      problems.push(`text at ${size.toFixed(1)} px: ${name(el)} «${el.textContent.trim().slice(0, 30)}»`);
    }
  }
  const main = document.querySelector('main');
  if (!main) problems.push('no <main>');
  else if (main.getBoundingClientRect().top > window.innerHeight / 4) {
    problems.push(`<main> starts at ${Math.round(main.getBoundingClientRect().top)} px`);
  }
  return [...new Set(problems)];
}
"""


@pytest.mark.parametrize("language", ["es-mx", "en"])
def test_every_public_page_reads_on_a_phone(portal, browser: Browser, language):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    found = []
    for path in public_pages(language):
        page.goto(portal.url + path)
        found += [f"{path}: {problem}" for problem in page.evaluate(_CHECK, [MIN_TEXT_PX])]
    context.close()
    assert found == [], "\n".join(found[:80])

"""Scripts that drive a tool form in the page, for the tests and the benchmarks."""

# Answers fields as typing and clicking do (the value or choice, then the `input` and `change`
# events the form listens to), all in one round trip; returns the names with no such control.
ANSWER_FORM_JS = """(answers) => {
  const missing = [];
  for (const [name, value] of Object.entries(answers)) {
    const controls = [...document.getElementsByName(name)];
    const control = controls.find(
      c => !['radio', 'checkbox'].includes(c.type) || c.value === value);
    if (!control) { missing.push(name); continue; }
    if (['radio', 'checkbox'].includes(control.type)) control.checked = true;
    else control.value = value;
    control.dispatchEvent(new Event('input', {bubbles: true}));
    control.dispatchEvent(new Event('change', {bubbles: true}));
  }
  return missing;
}"""

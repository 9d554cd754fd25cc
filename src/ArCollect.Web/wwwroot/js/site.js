// Behaviour shared by all pages, wired through data attributes because the content security policy allows no inline script.
// data-autosubmit on a field submits its form when the value changes; data-confirm on a button asks before it submits.
document.addEventListener('change', event => {
    const field = event.target;
    if (field instanceof HTMLElement && field.matches('[data-autosubmit]') && field.form) {
        field.form.submit();
    }
});

document.addEventListener('click', event => {
    const button = event.target instanceof Element ? event.target.closest('[data-confirm]') : null;
    if (button && !window.confirm(button.getAttribute('data-confirm'))) {
        event.preventDefault();
    }
});

// Invoice form: show the lines in use plus one empty row, and an "Add line" button for the rest.
// Without JavaScript every row stays visible, so the form works the same.
(function () {
    const rows = Array.from(document.querySelectorAll('[data-line-row]'));
    const button = document.querySelector('[data-add-line]');
    if (rows.length === 0 || !button) {
        return;
    }

    const isEmpty = row =>
        Array.from(row.querySelectorAll('input:not([type=hidden])')).every(input => input.value.trim() === '') &&
        !row.querySelector('.field-validation-error:not(:empty)');

    let lastUsed = -1;
    rows.forEach((row, index) => {
        if (!isEmpty(row)) {
            lastUsed = index;
        }
    });
    rows.forEach((row, index) => {
        row.hidden = index > lastUsed + 1;
    });

    const refresh = () => {
        button.hidden = !rows.some(row => row.hidden);
    };
    button.addEventListener('click', () => {
        const next = rows.find(row => row.hidden);
        if (next) {
            next.hidden = false;
            next.querySelector('input').focus();
        }
        refresh();
    });
    refresh();
})();

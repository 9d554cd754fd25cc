// Live length of the SMS being edited: the server renders the draft for the chosen customer and measures it with the
// same code the sender uses (GSM-7 160/153, UCS-2 70/67), so the count shown is the count paid for.
(() => {
    const form = document.getElementById('sms-template-form');
    if (!form) {
        return;
    }

    const count = document.getElementById('sms-count');
    const preview = document.getElementById('sms-preview');
    const problem = document.getElementById('sms-problem');
    let timer = 0;
    let sequence = 0;

    async function measure() {
        const mine = ++sequence;
        const response = await fetch(form.getAttribute('data-measure-url'), { method: 'POST', body: new FormData(form), headers: { 'Accept': 'application/json' } });
        if (mine !== sequence || !response.ok) {
            return;
        }

        const result = await response.json();
        problem.textContent = result.problem ?? '';
        problem.hidden = !result.problem;
        if (result.text != null) {
            preview.textContent = result.text;
            count.textContent = result.summary;
            count.dataset.segments = result.segments;
            count.dataset.encoding = result.encoding;
            count.classList.toggle('text-danger', result.segments > 1);
        }
    }

    form.addEventListener('input', () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(measure, 300);
    });
    form.addEventListener('change', () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(measure, 50);
    });
})();

// Shows the first rows of the chosen CSV and turns the column boxes into choices among its headers.
// Reads only the start of the file in the browser; the import itself happens on the server.
(function () {
    const input = document.getElementById("file");
    const preview = document.getElementById("preview");
    if (!input || !preview) return;

    function parseLine(line) {
        const cells = [];
        let cell = "", quoted = false;
        for (let i = 0; i < line.length; i++) {
            const c = line[i];
            if (quoted && c === '"' && line[i + 1] === '"') { cell += '"'; i++; }
            else if (c === '"') { quoted = !quoted; }
            else if (c === "," && !quoted) { cells.push(cell); cell = ""; }
            else { cell += c; }
        }
        cells.push(cell);
        return cells.map(s => s.trim());
    }

    function cellsRow(tag, cells) {
        const tr = document.createElement("tr");
        for (const text of cells) {
            const td = document.createElement(tag);
            td.textContent = text.length > 40 ? text.slice(0, 40) + "…" : text;
            tr.appendChild(td);
        }
        return tr;
    }

    input.addEventListener("change", () => {
        const file = input.files && input.files[0];
        if (!file) return;
        file.slice(0, 64 * 1024).text().then(text => {
            const lines = text.split(/\r?\n/).filter(l => l.length > 0).slice(0, 6);
            if (lines.length === 0) return;
            const headers = parseLine(lines[0]);
            const table = document.createElement("table");
            table.className = "table table-sm table-bordered small";
            table.appendChild(cellsRow("th", headers));
            for (const line of lines.slice(1)) table.appendChild(cellsRow("td", parseLine(line)));
            preview.replaceChildren(Object.assign(document.createElement("p"), { className: "small text-muted mb-1", textContent: "First rows of " + file.name + ":" }), table);
            for (const box of document.querySelectorAll(".mapping")) {
                const select = document.createElement("select");
                select.className = "form-select form-select-sm mapping";
                select.name = box.name;
                select.id = box.id;
                const lower = headers.map(h => h.toLowerCase());
                select.appendChild(new Option("(not in file)", ""));
                headers.forEach(h => select.appendChild(new Option(h, h)));
                const same = lower.indexOf(box.dataset.column);
                select.value = same >= 0 ? headers[same] : "";
                select.dataset.column = box.dataset.column;
                box.replaceWith(select);
            }
        });
    });
})();

"""Fourth training round: whole messages written one by one for the failure modes holdout-2.csv showed (docs/replies.md):
frustration and anger told through facts rather than stock words, "paid" told as a story (cheques, offsetting, third
parties paying), and absence notes that say the person has left or the mailbox is no longer read. Training data only.
Written after holdout-3.csv was committed, as new wordings; none is taken from a held-out file. Codes as in
holdout2_en.py."""

ROUND4 = {
 "en": [
  ("d", "f", "We flagged the missing 200 units in our goods-in report on the day, your depot confirmed it by phone, and the full quantity is still on the invoice a month later."),
  ("p", "f", "You've now emailed, texted and called about this in the space of one afternoon. It is scheduled for the 18th, which is what I said on Monday."),
  ("i", "f", "Fourth request for the breakdown of the storage charges. Each reply so far has been a reminder, not an answer."),
  ("d", "a", "Your crew left the site flooded and we had to pay a plumber to fix it. Now you send us a bill with a late fee. We'll see you in the small claims court."),
  ("y", "a", "Our bank statement shows you took the money on the 2nd. You are chasing us for a debt that does not exist and threatening our credit rating. Withdraw that letter in writing today."),
  ("y", "n", "The cheque we sent on 10 November was presented and cleared on the 16th - that was the payment for this one."),
  ("y", "n", "We netted this invoice against the rebate you owe us for Q3, as your sales manager suggested. Our remittance shows the calculation."),
  ("y", "n", "Our insurer settled the repair directly with you at the end of October; the claim reference is on their letter."),
  ("y", "n", "You'll find it was part of the lump sum our holding company transferred for all the subsidiaries on Friday."),
  ("o", "n", "Jenny Park has left the company. This mailbox is no longer monitored and your message will not be read."),
  ("o", "n", "I only check this inbox on Thursdays. If it's about payments, ring the office."),
  ("o", "n", "This address is closed. Please update your records: accounts@millbrook.example."),
 ],
 "de": [
  ("d", "f", "Der Schaden wurde beim Abladen fotografiert, Ihr Fahrer hat ihn quittiert, der Innendienst hat eine Gutschrift zugesagt. Sechs Wochen später kommt die Mahnung über den vollen Betrag."),
  ("p", "f", "Heute schon der dritte Anruf bei uns in der Zentrale. Die Zahlung ist für den 18. eingeplant, wie am Montag gesagt."),
  ("i", "f", "Vierte Anfrage nach der Aufschlüsselung der Lagerkosten. Als Antwort kam bisher jedes Mal nur eine Mahnung."),
  ("d", "a", "Ihre Monteure haben uns die Halle unter Wasser gesetzt, den Installateur haben wir selbst bezahlt. Und jetzt eine Rechnung mit Mahngebühr? Wir sehen uns vor Gericht."),
  ("y", "a", "Laut Kontoauszug haben Sie das Geld am 2. abgebucht. Sie mahnen eine Forderung, die es nicht gibt, und drohen mit der Schufa. Ziehen Sie das schriftlich zurück, heute noch."),
  ("y", "n", "Der Scheck vom 10. November wurde am 16. eingelöst, das war die Zahlung für diese Rechnung."),
  ("y", "n", "Wir haben die Rechnung mit dem Bonus verrechnet, den Sie uns für das dritte Quartal schulden, so wie Ihr Vertriebsleiter es vorgeschlagen hat."),
  ("y", "n", "Die Reparatur hat unsere Versicherung Ende Oktober direkt mit Ihnen abgerechnet, die Schadennummer steht in deren Schreiben."),
  ("y", "n", "Die Zahlung war in der Sammelüberweisung unserer Holding für alle Tochtergesellschaften am Freitag enthalten."),
  ("o", "n", "Frau Park ist nicht mehr bei uns beschäftigt. Dieses Postfach wird nicht mehr gelesen."),
  ("o", "n", "Ich schaue nur donnerstags in dieses Postfach. Bei Zahlungsfragen bitte im Büro anrufen."),
  ("o", "n", "Diese Adresse ist stillgelegt. Bitte aktualisieren Sie Ihre Daten: buchhaltung@muehlbach.example."),
 ],
 "fr": [
  ("d", "f", "Le manque de 200 unités a été noté sur le bon de réception le jour même, votre dépôt l'a confirmé par téléphone, et un mois après la facture porte toujours la quantité totale."),
  ("p", "f", "Mail, SMS et appel dans le même après-midi. Le paiement est programmé pour le 18, comme je l'ai dit lundi."),
  ("i", "f", "Quatrième demande du détail des frais de stockage. Chaque réponse jusqu'ici était une relance, pas une explication."),
  ("d", "a", "Votre équipe a laissé le local inondé et nous avons payé un plombier nous-mêmes. Et vous envoyez une facture avec pénalités ? On se verra au tribunal."),
  ("y", "a", "Notre relevé montre que vous avez prélevé la somme le 2. Vous réclamez une dette qui n'existe pas et menacez notre cotation. Retirez ce courrier par écrit aujourd'hui."),
  ("y", "n", "Le chèque envoyé le 10 novembre a été encaissé le 16 : c'était le paiement de cette facture."),
  ("y", "n", "Nous avons compensé cette facture avec la remise de fin d'année que vous nous devez, comme votre directeur commercial l'avait proposé."),
  ("y", "n", "Notre assureur a réglé la réparation directement auprès de vous fin octobre, la référence du sinistre figure sur son courrier."),
  ("y", "n", "Le montant faisait partie du virement global de notre holding pour toutes les filiales, vendredi dernier."),
  ("o", "n", "Mme Park a quitté l'entreprise. Cette boîte n'est plus lue et votre message ne sera pas traité."),
  ("o", "n", "Je ne consulte cette adresse que le jeudi. Pour les paiements, appelez le bureau."),
  ("o", "n", "Cette adresse est désactivée. Merci de mettre à jour vos fichiers : compta@moulinet.example."),
 ],
 "es": [
  ("d", "f", "La falta de 200 unidades quedó anotada en el albarán el mismo día, su almacén lo confirmó por teléfono y un mes después la factura sigue con la cantidad completa."),
  ("p", "f", "Correo, SMS y llamada en la misma tarde. El pago está programado para el 18, como dije el lunes."),
  ("i", "f", "Cuarta vez que pido el desglose de los gastos de almacenaje. Cada respuesta ha sido un recordatorio, no una explicación."),
  ("d", "a", "Sus operarios nos dejaron la nave inundada y el fontanero lo pagamos nosotros. ¿Y ahora nos mandan la factura con recargo? Nos vemos en el juzgado."),
  ("y", "a", "Nuestro extracto muestra que cobraron el recibo el día 2. Reclaman una deuda que no existe y nos amenazan con el fichero de morosos. Retiren esa carta por escrito hoy mismo."),
  ("y", "n", "El cheque que enviamos el 10 de noviembre se cobró el 16; ese era el pago de esta factura."),
  ("y", "n", "Compensamos esta factura con el rappel del tercer trimestre que nos deben, tal como propuso su director comercial."),
  ("y", "n", "Nuestra aseguradora les pagó la reparación directamente a finales de octubre; el número de siniestro está en su carta."),
  ("y", "n", "Iba incluido en la transferencia global que hizo nuestro holding para todas las filiales el viernes."),
  ("o", "n", "La Sra. Park ya no trabaja en la empresa. Este buzón no se revisa y su mensaje no será leído."),
  ("o", "n", "Solo reviso este correo los jueves. Para pagos, llame a la oficina."),
  ("o", "n", "Esta dirección está dada de baja. Actualicen sus datos: contabilidad@molinar.example."),
 ],
}

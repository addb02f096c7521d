# OCR and card reading (issue 4): Tesseract through gosseract, the synthetic card kit,
# the accuracy harness and the bounded fuzzing of the card text parsers.

# Tesseract 5 with English and Hindi data; DejaVu and Noto fonts render the synthetic cards.
DEB_PACKAGES += libtesseract-dev libleptonica-dev tesseract-ocr-eng tesseract-ocr-hin \
	fonts-dejavu-core fonts-noto-core

#!/usr/bin/env python3
"""Trims the shared public data sets once into the demo's resources.

Run from the repository root with the folder that holds the shared data:

    python3 demo/tools/trim_demo_data.py /path/to/shared/data

It writes:
  demo/src/main/resources/demo-data/walmart-stores-open.csv.gz  open Walmart stores (USDA SNAP records)
  demo/src/main/resources/demo-data/saleor-variants.csv         Saleor's demo catalog, one row per variant
  demo/src/main/resources/demo-data/us-zip-centroids.csv.gz     US ZIP code centroids (Census ZCTA gazetteer)
  demo/src/test/resources/closed-walmart-stores-near-72712.csv  closed stores the demo must never offer

Gzip files are written with a zero timestamp, so that running the script again gives identical bytes.
"""
import csv
import gzip
import io
import json
import math
import os
import sys
from collections import defaultdict

MAIN = os.path.join('demo', 'src', 'main', 'resources', 'demo-data')
TEST = os.path.join('demo', 'src', 'test', 'resources')
USD_CHANNEL_CURRENCY = 'USD'
# the ZIP code of the README's example request, and the demo catalog's pickup radius
EXAMPLE_ZIP = '72712'
RADIUS_KM = 50.0


def missing(value):
    return value is None or value.strip() in ('', 'NA')


def write_csv(path, header, rows, compress):
    text = io.StringIO(newline='')
    writer = csv.writer(text, lineterminator='\n')
    writer.writerow(header)
    writer.writerows(rows)
    data = text.getvalue().encode('utf-8')
    if compress:
        with open(path, 'wb') as raw, gzip.GzipFile(fileobj=raw, mode='wb', mtime=0, filename='') as out:
            out.write(data)
    else:
        with open(path, 'wb') as out:
            out.write(data)
    print(f'{path}: {len(rows)} rows')


def distance_km(lat1, lon1, lat2, lon2):
    a = (math.sin(math.radians(lat2 - lat1) / 2) ** 2
         + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def zips(data):
    with open(os.path.join(data, 'geo', 'us-zip-centroids.csv'), newline='') as source:
        rows = [(r['zip'], r['latitude'], r['longitude']) for r in csv.DictReader(source)]
    write_csv(os.path.join(MAIN, 'us-zip-centroids.csv.gz'), ['zip', 'latitude', 'longitude'], rows, True)
    return {zip_code: (float(lat), float(lon)) for zip_code, lat, lon in rows}


def stores(data, centroids):
    with open(os.path.join(data, 'stores', 'usda-snap-walmart-stores.csv'), newline='') as source:
        records = list(csv.DictReader(source))
    open_rows = []
    closed_near = []
    lat0, lon0 = centroids[EXAMPLE_ZIP]
    for r in records:
        # the source drops leading zeros of New England ZIP codes
        zip_code = r['zip'].strip().zfill(5)
        if missing(r['end_date']):
            address = ' '.join(p.strip() for p in (r['street_num'], r['street_name']) if not missing(p))
            if not missing(r['address_add']):
                address += ', ' + r['address_add'].strip()
            open_rows.append((r['record_id'], r['store_name'].strip(), address, r['city'].strip(), r['state'].strip(),
                              zip_code, r['x'], r['y']))
        elif distance_km(lat0, lon0, float(r['y']), float(r['x'])) <= RADIUS_KM:
            closed_near.append((r['record_id'], r['store_name'].strip(), r['end_date']))
    write_csv(os.path.join(MAIN, 'walmart-stores-open.csv.gz'),
              ['store_id', 'name', 'address', 'city', 'state', 'zip', 'longitude', 'latitude'], open_rows, True)
    write_csv(os.path.join(TEST, f'closed-walmart-stores-near-{EXAMPLE_ZIP}.csv'), ['store_id', 'name', 'end_date'],
              closed_near, False)


def variants(data):
    with open(os.path.join(data, 'catalog', 'saleor-populatedb-catalog.json')) as source:
        fixture = json.load(source)
    models = defaultdict(dict)
    for entry in fixture:
        models[entry['model']][entry['pk']] = entry['fields']
    channels = models['channel.channel']
    values = models['attribute.attributevalue']
    brand_attribute = next(pk for pk, a in models['attribute.attribute'].items() if a['slug'] == 'brand')
    brands = {}
    for assigned in models['attribute.assignedproductattributevalue'].values():
        value = values[assigned['value']]
        if value['attribute'] == brand_attribute:
            brands[assigned['product']] = value['name']
    assignments = models['attribute.assignedvariantattribute']
    variant_values = defaultdict(list)
    for assigned in models['attribute.assignedvariantattributevalue'].values():
        variant_values[assignments[assigned['assignment']]['variant']].append(values[assigned['value']]['name'])
    prices = defaultdict(dict)
    for listing in models['product.productvariantchannellisting'].values():
        prices[listing['variant']][channels[listing['channel']]['currency_code']] = listing['price_amount']

    rows = []
    for pk, variant in sorted(models['product.productvariant'].items()):
        product = models['product.product'][variant['product']]
        size = ' '.join(variant_values.get(pk, []))
        # variants of single-variant products carry no SKU in the fixture: the product's slug stands in
        sku = variant['sku'] or product['slug']
        name = product['name'] + (' (' + size + ')' if size else '')
        price = prices[pk].get(USD_CHANNEL_CURRENCY) or next(iter(prices[pk].values()), '')
        rows.append((sku, product['name'], name, models['product.category'][product['category']]['name'],
                     models['product.producttype'][product['product_type']]['name'], brands.get(variant['product'], ''),
                     size, '%.2f' % float(price) if price else ''))
    write_csv(os.path.join(MAIN, 'saleor-variants.csv'),
              ['sku', 'product', 'name', 'category', 'product_type', 'brand', 'size', 'price_usd'], rows, False)


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data'
    os.makedirs(MAIN, exist_ok=True)
    os.makedirs(TEST, exist_ok=True)
    centroids = zips(data)
    stores(data, centroids)
    variants(data)


if __name__ == '__main__':
    main()

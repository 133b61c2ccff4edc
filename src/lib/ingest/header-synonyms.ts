/**
 * Column headers that name each canonical field, in English and Chinese, as
 * found in real sales exports (Excel, ERPs, Tableau/Power BI samples), and
 * the common ones in German, French, Spanish, Japanese and Korean.
 * Period words (Month, 月份, Quartal) are only "contains" synonyms of the date:
 * they count when the values parse as dates (a 月 column of 1–12 is no date).
 * All entries are normalised (see normalizeHeader). Earlier entries win ties.
 */
import type { InputField } from '../model/schema';

export interface FieldSynonyms {
  /** the whole header is one of these */
  exact: string[];
  /** the header contains one of these (weaker; e.g. 'Total Product Cost' → cost) */
  contains: string[];
}

export const HEADER_SYNONYMS: Record<InputField, FieldSynonyms> = {
  date: {
    exact: ['orderdate', '订单日期', '下单日期', 'salesdate', 'saledate', '销售日期', 'invoicedate', '开票日期',
      'transactiondate', '交易日期', '成交日期', 'documentdate', '单据日期', 'postingdate', '业务日期', 'date', '日期',
      'orderdatetime', 'orderedat', '下单时间',
      // German, French, Spanish, Japanese, Korean
      'datum', 'belegdatum', 'rechnungsdatum', 'bestelldatum', 'auftragsdatum', 'datedecommande', 'datefacture',
      'fecha', 'fechapedido', 'fechadepedido', 'fechafactura', '日付', '受注日', '売上日', '注文日', '날짜', '일자', '주문일', '판매일',
      '매출일'],
    contains: ['orderdate', '订单日期', 'date', '日期',
      'datum', 'fecha', '日付', '날짜', '일자', 'yearmonth', 'monthyear', 'month', 'period', 'quarter', '月份', '年月', '期间',
      '会计期间', '季度', 'monat', 'quartal', 'zeitraum', 'mois', 'trimestre', 'période', 'periode', 'mes', 'periodo', '月度',
      '四半期', '월', '기간', '분기', 'week', '周次', '周', 'woche', 'kalenderwoche', 'semaine', 'semana', '週', '주차'],
  },
  amount: {
    exact: ['sales', 'amount', 'revenue', 'netsales', 'salesamount', 'salesrevenue', 'totalsales', 'netrevenue',
      'turnover', 'linetotal', '销售额', '金额', '收入', '销售金额', '营业额', '成交金额', '实收金额', '含税金额', '销售收入',
      'total',
      // German, French, Spanish, Japanese, Korean
      'umsatz', 'betrag', 'nettoumsatz', 'bruttoumsatz', 'erlös', 'erlos', 'umsatzerlöse', 'ventes', 'montant',
      'chiffredaffaires', 'montantht', 'ventas', 'importe', 'monto', 'ingresos', 'totalventas', '売上', '売上高', '売上金額',
      '金額', '매출', '매출액', '금액', '판매액'],
    contains: ['sales', 'amount', 'revenue', '销售额', '金额', '收入', '营业额',
      'umsatz', 'betrag', 'erlös', 'montant', 'ventes', 'ventas', 'importe', 'monto', '売上', '매출', '금액'],
  },
  quantity: {
    exact: ['quantity', 'qty', 'orderquantity', 'orderqty', 'quantitysold', 'units', 'unitssold', '数量', '销量',
      '销售数量', '件数',
      // German, French, Spanish, Japanese, Korean
      'menge', 'anzahl', 'stück', 'stuck', 'quantité', 'quantite', 'cantidad', 'unidades', '個数', '수량', '판매수량'],
    contains: ['quantity', '数量', '销量',
      'menge', 'quantit', 'cantidad', '수량'],
  },
  unit_price: {
    exact: ['unitprice', 'price', 'salesprice', 'saleprice', 'sellingprice', 'listprice', '单价', '销售单价', '价格',
      // German, French, Spanish, Japanese, Korean
      'preis', 'einzelpreis', 'stückpreis', 'prix', 'prixunitaire', 'precio', 'preciounitario', '単価', '단가'],
    contains: ['price', '单价', '价格',
      'preis', 'prix', 'precio', '単価', '단가'],
  },
  cost: {
    exact: ['cost', 'totalproductcost', 'totalcost', 'productcost', 'cogs', 'costofsales', 'costofgoodssold', '成本',
      '销售成本', '成本金额', '总成本',
      // German, French, Spanish, Japanese, Korean
      'kosten', 'selbstkosten', 'coût', 'cout', 'costo', 'coste', '原価', '売上原価', '원가', '매출원가'],
    contains: ['cost', '成本',
      'kosten', 'coût', 'costo', 'coste', '原価', '원가'],
  },
  profit: {
    exact: ['profit', 'grossprofit', 'netprofit', '利润', '毛利', '毛利润', '净利润',
      // German, French, Spanish, Japanese, Korean
      'gewinn', 'rohertrag', 'bénéfice', 'benefice', 'marge', 'beneficio', 'ganancia', '利益', '粗利', '이익', '영업이익',
      '매출총이익'],
    contains: ['profit', '利润', '毛利',
      'gewinn', 'bénéfice', 'beneficio', '利益', '이익'],
  },
  order_id: {
    exact: ['orderid', 'ordernumber', 'salesordernumber', 'salesorderid', 'orderno', 'ordernr', 'order', 'invoiceid',
      'invoicenumber', 'invoiceno', '订单号', '订单编号', '订单id', '单号', '单据编号', '发票号',
      // German, French, Spanish, Japanese, Korean
      'bestellnummer', 'auftragsnummer', 'auftrag', 'rechnungsnummer', 'commande', 'numérodecommande',
      'numerodecommande', 'pedido', 'numeropedido', 'numerodepedido', 'factura', '注文番号', '受注番号', '伝票番号', '주문번호'],
    contains: ['orderid', 'ordernumber', 'orderno', '订单号', '订单编号', '单号',
      'bestellnummer', 'auftragsnummer', 'commande', 'pedido', '注文番号', '受注番号', '주문번호'],
  },
  customer: {
    exact: ['customername', 'customer', 'client', 'clientname', 'buyer', 'accountname', 'account', 'companyname',
      'resellername', 'reseller', '客户名称', '客户', '客户名', '买家', '购买方',
      // German, French, Spanish, Japanese, Korean
      'kunde', 'kundenname', 'nomclient', 'cliente', 'nombrecliente', '顧客', '顧客名', '得意先', '得意先名', '고객', '고객명', '거래처'],
    contains: ['customer', 'client', 'reseller', '客户',
      'kunde', 'cliente', '顧客', '得意先', '고객', '거래처'],
  },
  product: {
    exact: ['productname', 'product', 'item', 'itemname', 'productdescription', 'sku', '产品名称', '产品', '商品名称',
      '商品', '品名', '货品',
      // German, French, Spanish, Japanese, Korean
      'produkt', 'artikel', 'artikelbezeichnung', 'produit', 'article', 'producto', 'artículo', 'articulo', '製品',
      '商品名', '제품', '상품', '품목', '제품명', '상품명'],
    contains: ['product', '产品', '商品', '品名',
      'produkt', 'artikel', 'produit', 'producto', '製品', '제품', '상품', '품목'],
  },
  category: {
    exact: ['category', 'productcategory', 'categoryname', '类别', '品类', '产品类别', '商品类别', '分类', '类目',
      // German, French, Spanish, Japanese, Korean
      'kategorie', 'warengruppe', 'catégorie', 'categorie', 'categoría', 'categoria', 'カテゴリ', 'カテゴリー', '分類', '카테고리',
      '분류'],
    contains: ['category', '类别', '品类', '分类', '类目',
      'kategorie', 'warengruppe', 'catégorie', 'categoría', 'categoria', 'カテゴリ', '카테고리', '분류'],
  },
  // Segment and ship mode stand in for a channel when the file has none (Superstore, Northwind).
  channel: {
    exact: ['channel', 'saleschannel', '渠道', '销售渠道', 'segment', 'customersegment', 'businesstype', 'shipmode',
      // German, French, Spanish, Japanese, Korean
      'kanal', 'vertriebskanal', 'canal', 'canaldevente', 'チャネル', '販売チャネル', '채널', '판매채널'],
    // 'shipper' names the shipper of a joined lookup (Northwind shippers.companyName), not its id.
    contains: ['channel', '渠道', 'businesstype', 'shipper',
      'kanal', 'canal', 'チャネル', '채널'],
  },
  region: {
    exact: ['region', 'salesregion', 'territory', 'salesterritory', 'area', '地区', '区域', '大区', '销售区域', '省份',
      'province', 'state', 'country',
      // German, French, Spanish, Japanese, Korean
      'gebiet', 'vertriebsgebiet', 'land', 'bundesland', 'région', 'pays', 'zona', 'país', 'pais', '地域', 'エリア', '지역',
      '권역'],
    contains: ['region', 'territory', 'province', '地区', '区域', '大区', '省份',
      'gebiet', 'région', 'zona', '地域', 'エリア', '지역'],
  },
  rep: {
    exact: ['salesperson', 'salesrep', 'rep', 'salesman', 'seller', 'employee', 'employeename', 'accountmanager',
      'owner', '销售员', '业务员', '销售代表', '销售人员', '客户经理', '经办人', '负责人',
      // German, French, Spanish, Japanese, Korean
      'verkäufer', 'verkaufer', 'vertriebsmitarbeiter', 'mitarbeiter', 'vendeur', 'commercial', 'vendedor',
      'comercial', '担当者', '営業担当', '営業担当者', '담당자', '영업사원', '영업담당'],
    contains: ['salesperson', 'salesrep', 'employee', '销售员', '业务员', '销售代表',
      'verkäufer', 'vertriebsmitarbeiter', 'vendeur', 'vendedor', '担当者', '営業担当', '담당자', '영업사원'],
  },
  discount: {
    exact: ['discount', 'discountrate', 'discountpct', '折扣', '折扣率'],
    contains: ['discount', '折扣'],
  },
  team: {
    exact: ['team', 'salesteam', 'department', 'division', 'branch', '团队', '销售团队', '部门', '小组', '分公司',
      // German, French, Spanish, Japanese, Korean
      'abteilung', 'équipe', 'equipe', 'equipo', 'チーム', '部署', '팀', '부서'],
    contains: ['team', 'department', '团队', '部门',
      'abteilung', 'équipe', 'equipo', 'チーム', '部署', '팀', '부서'],
  },
};

/** Case-, space- and punctuation-insensitive form used for matching ('Order_Date' → 'orderdate'). */
export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_\-./\\()（）:：#]+/g, '');
}

/**
 * Headers naming an identifier or code ('Customer ID', 'ProductKey',
 * 'SalesOrderNumber', '客户编号', '订单号'): a poor choice for a name field,
 * and never a numeric measure.
 */
export function isIdLikeHeader(header: string): boolean {
  const h = header.trim().replace(/[.\s#]+$/, '');
  return (
    /(?:^|[^A-Za-z])(?:id|key|code|no|nr|num|number)$/i.test(h) ||
    /[a-z](?:ID|Id|Key|KEY|Code|CODE|No|NO|Nr|Num|Number|NUMBER)$/.test(h) ||
    /[\u4e00-\u9fff](?:id)$/i.test(h) ||
    /(?:编号|代码|号|码)$/.test(h)
  );
}

/** Dates other than the order date; they only map to `date` when nothing better exists. */
export function isSecondaryDateHeader(normalized: string): boolean {
  return /ship|due|required|deliver|birth|hire|expir|发货|到期|交货|送达|出生|入职|截止/.test(normalized);
}

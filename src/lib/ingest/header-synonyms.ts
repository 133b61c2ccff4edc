/**
 * Column headers that name each canonical field, in English and Chinese, as
 * found in real sales exports (Excel, ERPs, Tableau/Power BI samples).
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
      'orderdatetime', 'orderedat', '下单时间'],
    contains: ['orderdate', '订单日期', 'date', '日期'],
  },
  amount: {
    exact: ['sales', 'amount', 'revenue', 'netsales', 'salesamount', 'salesrevenue', 'totalsales', 'netrevenue',
      'turnover', 'linetotal', '销售额', '金额', '收入', '销售金额', '营业额', '成交金额', '实收金额', '含税金额', '销售收入',
      'total'],
    contains: ['sales', 'amount', 'revenue', '销售额', '金额', '收入', '营业额'],
  },
  quantity: {
    exact: ['quantity', 'qty', 'orderquantity', 'orderqty', 'quantitysold', 'units', 'unitssold', '数量', '销量',
      '销售数量', '件数'],
    contains: ['quantity', '数量', '销量'],
  },
  unit_price: {
    exact: ['unitprice', 'price', 'salesprice', 'saleprice', 'sellingprice', 'listprice', '单价', '销售单价', '价格'],
    contains: ['price', '单价', '价格'],
  },
  cost: {
    exact: ['cost', 'totalproductcost', 'totalcost', 'productcost', 'cogs', 'costofsales', 'costofgoodssold', '成本',
      '销售成本', '成本金额', '总成本'],
    contains: ['cost', '成本'],
  },
  profit: {
    exact: ['profit', 'grossprofit', 'netprofit', '利润', '毛利', '毛利润', '净利润'],
    contains: ['profit', '利润', '毛利'],
  },
  order_id: {
    exact: ['orderid', 'ordernumber', 'salesordernumber', 'salesorderid', 'orderno', 'ordernr', 'order', 'invoiceid',
      'invoicenumber', 'invoiceno', '订单号', '订单编号', '订单id', '单号', '单据编号', '发票号'],
    contains: ['orderid', 'ordernumber', 'orderno', '订单号', '订单编号', '单号'],
  },
  customer: {
    exact: ['customername', 'customer', 'client', 'clientname', 'buyer', 'accountname', 'account', 'companyname',
      'resellername', 'reseller', '客户名称', '客户', '客户名', '买家', '购买方'],
    contains: ['customer', 'client', 'reseller', '客户'],
  },
  product: {
    exact: ['productname', 'product', 'item', 'itemname', 'productdescription', 'sku', '产品名称', '产品', '商品名称',
      '商品', '品名', '货品'],
    contains: ['product', '产品', '商品', '品名'],
  },
  category: {
    exact: ['category', 'productcategory', 'categoryname', '类别', '品类', '产品类别', '商品类别', '分类', '类目'],
    contains: ['category', '类别', '品类', '分类', '类目'],
  },
  // Segment and ship mode stand in for a channel when the file has none (Superstore, Northwind).
  channel: {
    exact: ['channel', 'saleschannel', '渠道', '销售渠道', 'segment', 'customersegment', 'businesstype', 'shipmode'],
    // 'shipper' names the shipper of a joined lookup (Northwind shippers.companyName), not its id.
    contains: ['channel', '渠道', 'businesstype', 'shipper'],
  },
  region: {
    exact: ['region', 'salesregion', 'territory', 'salesterritory', 'area', '地区', '区域', '大区', '销售区域', '省份',
      'province', 'state', 'country'],
    contains: ['region', 'territory', 'province', '地区', '区域', '大区', '省份'],
  },
  rep: {
    exact: ['salesperson', 'salesrep', 'rep', 'salesman', 'seller', 'employee', 'employeename', 'accountmanager',
      'owner', '销售员', '业务员', '销售代表', '销售人员', '客户经理', '经办人', '负责人'],
    contains: ['salesperson', 'salesrep', 'employee', '销售员', '业务员', '销售代表'],
  },
  discount: {
    exact: ['discount', 'discountrate', 'discountpct', '折扣', '折扣率'],
    contains: ['discount', '折扣'],
  },
  team: {
    exact: ['team', 'salesteam', 'department', 'division', 'branch', '团队', '销售团队', '部门', '小组', '分公司'],
    contains: ['team', 'department', '团队', '部门'],
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
